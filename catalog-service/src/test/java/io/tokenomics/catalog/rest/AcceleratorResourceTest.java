package io.tokenomics.catalog.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tokenomics.catalog.domain.Accelerator;
import io.tokenomics.catalog.repository.AcceleratorRepository;
import io.tokenomics.devstack.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class AcceleratorResourceTest {
    @Inject
    AcceleratorRepository repository;

    @BeforeEach
    void privateEntries() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                repository.delete("tenant is not null")
                        .chain(() -> repository.persist(privateAccelerator("ACME-X1", "acme")))
                        .chain(() -> repository.persist(privateAccelerator("GLOBEX-Z9", "globex")))));
    }

    @Test
    void listsTheSeededPublicAcceleratorsWithTheirSources() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/accelerators")
                .then().statusCode(200)
                .body("id", hasItems("H100", "H200", "B200"))
                .body("find { it.id == 'H100' }.memoryBandwidthTbps", equalTo(3.35f))
                .body("find { it.id == 'H100' }.source", org.hamcrest.Matchers.containsString("ml-engineering"))
                .body("find { it.id == 'B200' }.fp4DenseTflops", equalTo(9000.0f));
    }

    @Test
    void aTenantSeesItsOwnPrivateEntriesAndNeverAnotherTenants() {
        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/accelerators")
                .then().statusCode(200)
                .body("id", hasItem("ACME-X1"))
                .body("id", not(hasItem("GLOBEX-Z9")))
                .body("findAll { it.visibility == 'tenant' }.id", contains("ACME-X1"));

        given().auth().oauth2(TestTokens.user("acme", "viewer"))
                .when().get("/api/catalog/accelerators/GLOBEX-Z9")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().auth().oauth2(TestTokens.user("globex", "viewer"))
                .when().get("/api/catalog/accelerators/GLOBEX-Z9")
                .then().statusCode(200)
                .body("visibility", equalTo("tenant"));
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        given().when().get("/api/catalog/accelerators").then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .contentType("application/problem+json").body("status", equalTo(401));
        given().auth().oauth2(TestTokens.sign("acme", "some-other-api", TestTokens.ISSUER, 300, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.sign("acme", TestTokens.AUDIENCE, "https://evil.invalid/realms/x", 300, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401);
        given().auth().oauth2(TestTokens.sign("acme", TestTokens.AUDIENCE, TestTokens.ISSUER, -120, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(401);
    }

    @Test
    void refusesATokenWithoutRoleOrTenant() {
        given().auth().oauth2(TestTokens.user("acme"))
                .when().get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user(null, "viewer"))
                .when().get("/api/catalog/accelerators").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static Accelerator privateAccelerator(String id, String tenant) {
        Accelerator a = new Accelerator();
        a.id = id;
        a.tenant = tenant;
        a.vendor = "Private";
        a.name = id + " (tenant-private)";
        a.status = "ANNOUNCED";
        a.memoryGb = new BigDecimal("96");
        a.memoryBandwidthTbps = new BigDecimal("4.0");
        a.source = "tenant-provided";
        a.revision = 1;
        return a;
    }
}
