package io.tokenomics.simulator.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Plan limits from X-Tenant-Plan (the free plan's without it): 422 for size, 429 + Retry-After for concurrency. */
@QuarkusTest
class QuotaTest {
    static final String PRO = "pro; jobs=5; requests=10000000; sweep-points=1000";

    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    @Test
    void withoutAPlanHeaderTheFreePlansLimitsApply() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        String analyst = TestTokens.user(tenant, "analyst", "viewer");
        Map<String, Object> big = TestData.scenario("too many requests", "llama-3.1-8b", 1.0);
        big.put("requestCount", 100_001);
        given().auth().oauth2(analyst).contentType(ContentType.JSON).body(big).post("/api/simulations")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("requestCount"))
                .body("detail", containsString("plan 'free' allows at most 100000 requests"));
        // the same size under the pro plan is accepted, never truncated
        String id = given().auth().oauth2(analyst).contentType(ContentType.JSON).header("X-Tenant-Plan", PRO).body(big)
                .post("/api/simulations").then().statusCode(202).body("scenario.requestCount", equalTo(100_001))
                .extract().path("id");
        ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");

        // free: one job at a time. A job that stays queued (stored without a unit) holds the slot
        String holder = storeQueued(tenant);
        given().auth().oauth2(analyst).contentType(ContentType.JSON)
                .body(TestData.scenario("second", "llama-3.1-8b", 1.0)).post("/api/simulations")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("detail", containsString("allows 1 queued or running job"));
        // a malformed plan header is no way around it
        given().auth().oauth2(analyst).contentType(ContentType.JSON).header("X-Tenant-Plan", "enterprise; jobs=lots")
                .body(TestData.scenario("second", "llama-3.1-8b", 1.0)).post("/api/simulations")
                .then().statusCode(429);
        // nothing was stored for the refused requests
        assertThat(count(tenant)).isEqualTo(2);
        // the pro plan has room
        given().auth().oauth2(analyst).contentType(ContentType.JSON).header("X-Tenant-Plan", PRO)
                .body(TestData.scenario("second", "llama-3.1-8b", 1.0)).post("/api/simulations")
                .then().statusCode(202);
        // once the holder is cancelled, the free plan admits again
        given().auth().oauth2(analyst).post("/api/simulations/" + holder + "/cancel").then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> given().auth().oauth2(analyst)
                .contentType(ContentType.JSON).body(TestData.scenario("third", "llama-3.1-8b", 1.0))
                .post("/api/simulations").statusCode() == 202);
    }

    @Test
    void aSweepOverThePlansPointsIs422() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> sweep = Map.of("name", "too big", "scenario", TestData.scenario(null, "llama-3.1-8b", 1.0),
                "grid", Map.of("maxBatchSequences", List.of(1, 2, 4, 8, 16, 32, 64, 128),
                        "arrivalRate", List.of(0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0)));
        given().auth().oauth2(TestTokens.user(tenant, "analyst")).contentType(ContentType.JSON).body(sweep)
                .post("/api/sweeps").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("grid"))
                .body("detail", containsString("at most 50 sweep points, the grid has 56"));
    }

    private String storeQueued(String tenant) throws Throwable {
        var job = io.tokenomics.simulator.service.SimulationServiceAccess.queuedSkeletonJob(tenant);
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> jobs.persist(job)));
        return job.id;
    }

    private long count(String tenant) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.count("tenant", tenant)));
    }
}
