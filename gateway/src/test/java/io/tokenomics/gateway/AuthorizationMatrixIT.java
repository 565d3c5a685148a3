package io.tokenomics.gateway;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The authorization matrix of the public API through the gateway, with real Keycloak tokens (DEMO users of tenant
 * acme call; tenant globex owns the "other" resources). One table row per route family × scope of the target
 * resource, one column per caller; each cell is one case, so a failing cell reads "route × caller × scope".
 *
 * <p>What the platform promises (and the table spells out cell by cell):
 * <ul>
 *   <li>no token or an invalid token: 401, before anything else;</li>
 *   <li>a caller without the route's role: 403, decided from the token alone, before any lookup, so it is the same
 *       whether the target exists, is the caller's or another tenant's (no existence oracle);</li>
 *   <li>another tenant's resource: 404, never 403, exactly like a missing one, also with a spoofed
 *       {@code X-Tenant} header;</li>
 *   <li>public entries (catalog, price books) are read by everyone and written by platform-admin only: 403 for a
 *       tenant-admin;</li>
 *   <li>a tenant's API client (client credentials, role analyst) acts like an analyst of its tenant.</li>
 * </ul>
 * Writes that succeed act on a fresh resource made for that case, so cases do not depend on each other's order.
 */
class AuthorizationMatrixIT {

    /** The callers: columns of the table. Every authenticated caller is of tenant acme. */
    enum Caller {
        NO_TOKEN(null), INVALID_TOKEN(null), VIEWER("acme-viewer"), ANALYST("acme-analyst"),
        API_CLIENT("acme-api"), TENANT_ADMIN("acme-admin"), PLATFORM_ADMIN("acme-platform-admin");

        final String principal;

        Caller(String principal) {
            this.principal = principal;
        }
    }

    /** Whose resource the call targets, seen from the caller (tenant acme). */
    enum Scope {
        /** no single resource (lists, calculators): lists must not show the other tenant's items */
        NONE,
        /** a resource of the caller's tenant */
        OWN,
        /** a resource of tenant globex */
        OTHER,
        /** globex's resource, with an {@code X-Tenant: globex} header the gateway must strip */
        OTHER_SPOOFED,
        /** a public (platform-wide) resource */
        PUBLIC
    }

    /** One cell: the request made as {@code caller} against a target of {@code scope}, and the promised status. */
    record Case(String route, Caller caller, Scope scope, int expected, Call call) {
        @Override
        public String toString() {
            return route + " × " + caller + " × " + scope + " → " + expected;
        }
    }

    @FunctionalInterface
    interface Call extends BiFunction<RequestSpecification, Scope, Response> {
    }

    private static final List<Case> CASES = new ArrayList<>();

    private static final String JSON = "application/json";
    private static final String PLATFORM_DEFAULT_BOOK = "00000000-0000-0000-0000-000000000001";

    private static final String TIER_PLAN = """
            {"facilityMw": 10, "usdPerKwh": 0.09,
             "configurations": [{"name": "example", "frontier": [{"tokensPerSecondPerUser": 20, "tokensPerSecondPerMw": 200000},
                                                                 {"tokensPerSecondPerUser": 100, "tokensPerSecondPerMw": 20000}],
                                 "capexUsdPerMw": 10000000, "opexUsdPerMwYear": 100000, "amortizationYears": 5}]}""";

    private static final String UNIT_ECONOMICS = """
            {"cost": {"usdPerMillionInputTokens": 0.5, "usdPerMillionOutputTokens": 2},
             "segments": [{"name": "pro", "users": 1000, "requestsPerMonth": 300, "inputTokensPerRequest": 2000,
                           "outputTokensPerRequest": 500, "plan": {"type": "PER_TOKEN", "usdPerMillionInputTokens": 1,
                           "usdPerMillionOutputTokens": 4}, "churnPercentPerMonth": 5, "cacUsd": 40}]}""";

    private static final String EFFICIENCY = """
            {"models": [{"name": "GPT-4o", "quality": 88.7, "usdPerMillionInputTokens": 5.00}]}""";

    /** The resources the cases target, made in {@link #fixtures()} before the first case runs. */
    private static final Fixtures fx = new Fixtures();

    // ---------------------------------------------------------------------------------------------- the matrix
    static {
        //  route                                scope           none bad  viewer analyst client admin platform
        // who am I: any authenticated caller, tenant from the token (a spoofed X-Tenant is stripped)
        row("GET me",                            Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/me"));
        row("GET me (spoofed tenant)",           Scope.OTHER_SPOOFED, 401, 401, 200, 200, 200, 200, 200, (s, c) -> s.header("X-Tenant", "globex").get("/api/me"));
        row("GET catalog list",                  Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/catalog/accelerators"));
        row("GET catalog list (filtered)",       Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/catalog/accelerators?q=" + fx.globexAccelerator));
        row("GET catalog entry",                 Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/catalog/accelerators/" + fx.acmeAccelerator));
        row("GET catalog entry",                 Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/catalog/accelerators/" + fx.globexAccelerator));
        row("GET catalog entry",                 Scope.OTHER_SPOOFED, 401, 401, 404, 404, 404, 404, 404, (s, c) -> s.header("X-Tenant", "globex").get("/api/catalog/accelerators/" + fx.globexAccelerator));
        row("GET catalog entry",                 Scope.PUBLIC,   401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/catalog/accelerators/H100"));
        row("GET catalog revisions",             Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/catalog/accelerators/" + fx.globexAccelerator + "/revisions"));
        row("POST catalog entry (private)",      Scope.OWN,      401, 401, 403, 403, 403, 201, 201, (s, c) -> s.contentType(JSON).body(accelerator(newId("ACME"))).post("/api/catalog/accelerators"));
        // a tenant's ids are its own namespace: another tenant's id is neither refused nor revealed ("exists")
        row("POST catalog entry (other's id)",   Scope.OTHER,    401, 401, 403, 403, 403, 201, 201, (s, c) -> s.contentType(JSON).body(accelerator(createAccelerator("globex-admin", newId("GLOBEX")))).post("/api/catalog/accelerators"));
        row("GET catalog compare",               Scope.OTHER,    401, 401, 400, 400, 400, 400, 400, (s, c) -> s.get("/api/catalog/accelerators/compare?ids=H100," + fx.globexAccelerator));
        row("GET catalog export",                Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/catalog/accelerators/export?format=json&q=" + fx.globexAccelerator));
        row("POST catalog entry (public)",       Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 201, (s, c) -> s.contentType(JSON).body(publicQuantization(newId("PUB"))).post("/api/catalog/quantizations"));
        row("PUT catalog entry",                 Scope.OWN,      401, 401, 403, 403, 403, 200, 200, (s, c) -> s.contentType(JSON).header("If-Match", "\"1\"").body(faster(accelerator(null))).put("/api/catalog/accelerators/" + freshAccelerator()));
        row("PUT catalog entry",                 Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.contentType(JSON).header("If-Match", "\"1\"").body(faster(accelerator(null))).put("/api/catalog/accelerators/" + fx.globexAccelerator));
        row("PUT catalog entry",                 Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 200, (s, c) -> s.contentType(JSON).header("If-Match", "\"1\"").body(renamed(publicQuantization(null))).put("/api/catalog/quantizations/" + freshPublicQuantization()));
        row("DELETE catalog entry",              Scope.OWN,      401, 401, 403, 403, 403, 204, 204, (s, c) -> s.header("If-Match", "\"1\"").delete("/api/catalog/accelerators/" + freshAccelerator()));
        row("DELETE catalog entry",              Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.header("If-Match", "\"1\"").delete("/api/catalog/accelerators/" + fx.globexAccelerator));
        row("DELETE catalog entry",              Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 204, (s, c) -> s.header("If-Match", "\"1\"").delete("/api/catalog/quantizations/" + freshPublicQuantization()));
        row("PUT catalog override",              Scope.PUBLIC,   401, 401, 403, 403, 403, 200, 200, (s, c) -> s.contentType(JSON).body(Map.of("name", "Acme's name for it")).put("/api/catalog/quantizations/" + freshPublicQuantization() + "/override"));
        row("PUT catalog override",              Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.contentType(JSON).body(Map.of("memoryGb", 1)).put("/api/catalog/accelerators/" + fx.globexAccelerator + "/override"));

        row("POST simulation",                   Scope.OWN,      401, 401, 403, 202, 202, 202, 202, (s, c) -> s.contentType(JSON).body(simulation("matrix")).post("/api/simulations"));
        row("POST simulation (own private chip)", Scope.OWN,     401, 401, 403, 202, 202, 202, 202, (s, c) -> s.contentType(JSON).body(simulationOn(fx.acmeAccelerator)).post("/api/simulations"));
        // another tenant's private accelerator is unknown to the caller, like a missing one (400 names the field)
        row("POST simulation (other's chip)",    Scope.OTHER,    401, 401, 403, 400, 400, 400, 400, (s, c) -> s.contentType(JSON).body(simulationOn(fx.globexAccelerator)).post("/api/simulations"));
        // an Idempotency-Key is per tenant: reusing globex's key makes a new acme job, never a replay of globex's
        row("POST simulation (other's Idempotency-Key)", Scope.OTHER, 401, 401, 403, 202, 202, 202, 202, (s, c) -> s.contentType(JSON).header("Idempotency-Key", globexJobKey()).body(simulation("matrix idempotency")).post("/api/simulations"));
        // the steady-state estimate before running (simulator-service, merged in parallel with the web app's Estimate button)
        row("POST simulation estimate",          Scope.OWN,      401, 401, 403, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(scenarioOn("H100")).post("/api/simulations/estimate"));
        row("POST simulation estimate (other's chip)", Scope.OTHER, 401, 401, 403, 400, 400, 400, 400, (s, c) -> s.contentType(JSON).body(scenarioOn(fx.globexAccelerator)).post("/api/simulations/estimate"));
        row("GET simulation",                    Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/simulations/" + fx.acmeSimulation));
        row("GET simulation",                    Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/simulations/" + fx.globexSimulation));
        row("GET simulation",                    Scope.OTHER_SPOOFED, 401, 401, 404, 404, 404, 404, 404, (s, c) -> s.header("X-Tenant", "globex").get("/api/simulations/" + fx.globexSimulation));
        row("GET simulations list",              Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/simulations"));

        row("GET pricing rates",                 Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/rates"));
        row("GET pricing power-prices",          Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/power-prices"));
        row("POST pricing tco",                  Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(Map.of("path", "RENT", "rentalUsdPerGpuHour", 2.0)).post("/api/pricing/tco"));
        row("POST pricing token-cost",           Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(Map.of("acceleratorId", "H100", "gpusPerReplica", 1, "outputTokensPerSecond", 100)).post("/api/pricing/token-cost"));
        row("GET simulation cost",               Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/simulations/" + fx.acmeSimulation + "/cost"));
        row("GET simulation cost",               Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/pricing/simulations/" + fx.globexSimulation + "/cost"));
        row("GET simulation cost",               Scope.OTHER_SPOOFED, 401, 401, 404, 404, 404, 404, 404, (s, c) -> s.header("X-Tenant", "globex").get("/api/pricing/simulations/" + fx.globexSimulation + "/cost"));
        row("GET price-books list",              Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/price-books"));
        row("GET price-book",                    Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/price-books/" + fx.acmeBook));
        row("GET price-book",                    Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/pricing/price-books/" + fx.globexBook));
        row("GET price-book",                    Scope.OTHER_SPOOFED, 401, 401, 404, 404, 404, 404, 404, (s, c) -> s.header("X-Tenant", "globex").get("/api/pricing/price-books/" + fx.globexBook));
        row("GET price-book",                    Scope.PUBLIC,   401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/price-books/" + PLATFORM_DEFAULT_BOOK));
        row("GET price-book revisions",          Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/pricing/price-books/" + fx.globexBook + "/revisions"));
        row("POST price-book",                   Scope.OWN,      401, 401, 403, 403, 403, 201, 201, (s, c) -> s.contentType(JSON).body(priceBook("matrix book", false)).post("/api/pricing/price-books"));
        row("POST price-book (public)",          Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 201, (s, c) -> s.contentType(JSON).body(priceBook("matrix public book", true)).post("/api/pricing/price-books"));
        row("PUT price-book",                    Scope.OWN,      401, 401, 403, 403, 403, 200, 200, (s, c) -> s.contentType(JSON).body(priceBook("renamed", false)).put("/api/pricing/price-books/" + freshBook(false)));
        row("PUT price-book",                    Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.contentType(JSON).body(priceBook("hijacked", false)).put("/api/pricing/price-books/" + fx.globexBook));
        row("PUT price-book",                    Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 200, (s, c) -> s.contentType(JSON).body(priceBook("renamed public", false)).put("/api/pricing/price-books/" + freshBook(true)));
        row("DELETE price-book",                 Scope.OWN,      401, 401, 403, 403, 403, 204, 204, (s, c) -> s.delete("/api/pricing/price-books/" + freshBook(false)));
        row("DELETE price-book",                 Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.delete("/api/pricing/price-books/" + fx.globexBook));
        row("DELETE price-book",                 Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 204, (s, c) -> s.delete("/api/pricing/price-books/" + freshBook(true)));
        row("PUT price-book default",            Scope.OWN,      401, 401, 403, 403, 403, 200, 200, (s, c) -> s.contentType(JSON).body(Map.of("priceBookId", freshBook(false))).put("/api/pricing/price-books/default"));
        row("PUT price-book default",            Scope.OTHER,    401, 401, 403, 403, 403, 404, 404, (s, c) -> s.contentType(JSON).body(Map.of("priceBookId", fx.globexBook)).put("/api/pricing/price-books/default"));
        row("PUT price-book default",            Scope.PUBLIC,   401, 401, 403, 403, 403, 200, 200, (s, c) -> s.contentType(JSON).body(Map.of("priceBookId", PLATFORM_DEFAULT_BOOK)).put("/api/pricing/price-books/default"));
        row("GET quotes list",                   Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/quotes"));
        row("GET quotes of other's simulation",  Scope.OTHER,    401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/quotes?simulationId=" + fx.globexSimulation));
        row("GET quote",                         Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/quotes/" + fx.acmeQuote));
        row("GET quote",                         Scope.OTHER,    401, 401, 404, 404, 404, 404, 404, (s, c) -> s.get("/api/pricing/quotes/" + fx.globexQuote));
        row("GET quote",                         Scope.OTHER_SPOOFED, 401, 401, 404, 404, 404, 404, 404, (s, c) -> s.header("X-Tenant", "globex").get("/api/pricing/quotes/" + fx.globexQuote));
        row("POST quote recompute",              Scope.OWN,      401, 401, 403, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body("{}").post("/api/pricing/quotes/" + fx.acmeQuote + "/recompute"));
        row("POST quote recompute",              Scope.OTHER,    401, 401, 403, 404, 404, 404, 404, (s, c) -> s.contentType(JSON).body("{}").post("/api/pricing/quotes/" + fx.globexQuote + "/recompute"));
        row("POST quote recompute (other book)", Scope.OTHER,    401, 401, 403, 404, 404, 404, 404, (s, c) -> s.contentType(JSON).body(Map.of("priceBookId", fx.globexBook)).post("/api/pricing/quotes/" + fx.acmeQuote + "/recompute"));
        row("GET tier-plans default-tiers",      Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/pricing/tier-plans/default-tiers"));
        row("POST tier-plans",                   Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(TIER_PLAN).post("/api/pricing/tier-plans"));
        row("POST unit-economics",               Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(UNIT_ECONOMICS).post("/api/pricing/unit-economics"));
        row("POST efficiency-scores",            Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(EFFICIENCY).post("/api/pricing/efficiency-scores"));
        row("POST efficiency-scores (quote)",    Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.contentType(JSON).body(efficiencyOfQuote(fx.acmeQuote)).post("/api/pricing/efficiency-scores"));
        // a quote of another tenant in the body is "no quote X", exactly like an unknown id (400 names the field)
        row("POST efficiency-scores (quote)",    Scope.OTHER,    401, 401, 400, 400, 400, 400, 400, (s, c) -> s.contentType(JSON).body(efficiencyOfQuote(fx.globexQuote)).post("/api/pricing/efficiency-scores"));

        row("GET platform plans",                Scope.NONE,     401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/platform/plans"));
        row("PUT platform plan",                 Scope.PUBLIC,   401, 401, 403, 403, 403, 403, 200, (s, c) -> s.contentType(JSON).body(fx.enterprisePlan).put("/api/platform/plans/enterprise"));
        row("GET tenant plan",                   Scope.OWN,      401, 401, 200, 200, 200, 200, 200, (s, c) -> s.get("/api/platform/tenants/acme/plan"));
        row("GET tenant plan",                   Scope.OTHER,    401, 401, 404, 404, 404, 404, 200, (s, c) -> s.get("/api/platform/tenants/globex/plan"));
        row("PUT tenant plan",                   Scope.OWN,      401, 401, 403, 403, 403, 403, 200, (s, c) -> s.contentType(JSON).body(Map.of("plan", "enterprise")).put("/api/platform/tenants/acme/plan"));
        row("PUT tenant plan",                   Scope.OTHER,    401, 401, 403, 403, 403, 403, 200, (s, c) -> s.contentType(JSON).body(Map.of("plan", fx.globexPlan)).put("/api/platform/tenants/globex/plan"));
    }

    private static void row(String route, Scope scope, int noToken, int invalidToken, int viewer, int analyst,
                            int apiClient, int tenantAdmin, int platformAdmin, Call call) {
        int[] expected = {noToken, invalidToken, viewer, analyst, apiClient, tenantAdmin, platformAdmin};
        Caller[] callers = Caller.values();
        for (int i = 0; i < callers.length; i++) {
            CASES.add(new Case(route, callers[i], scope, expected[i], call));
        }
    }

    static List<Case> cases() {
        return CASES;
    }

    // ---------------------------------------------------------------------------------------------- the test

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCallerGetsWhatThePlatformPromises(Case c) {
        Response response = c.call().apply(as(c.caller()), c.scope());
        assertThat(response.statusCode())
                .as("%s answered %s", c, response.asString())
                .isEqualTo(c.expected());
        if (response.statusCode() >= 400) {
            assertThat(response.contentType()).as("%s: refusals are problem+json", c)
                    .satisfiesAnyOf(type -> assertThat(type).startsWith("application/problem+json"),
                            type -> assertThat(c.caller()).isEqualTo(Caller.INVALID_TOKEN));
        }
        if ((c.scope() == Scope.OTHER || c.scope() == Scope.OTHER_SPOOFED) && response.statusCode() / 100 == 2) {
            // what an acme caller gets never carries globex's own resources (lists, replays, a tenant's plan)
            String body = response.asString();
            assertThat(body).as("%s leaks globex's resources", c).doesNotContain("globex-")
                    .doesNotContain(fx.globexAccelerator).doesNotContain(fx.globexSimulation)
                    .doesNotContain(fx.globexBook).doesNotContain(fx.globexQuote);
        }
    }

    // ---------------------------------------------------------------------------------------------- fixtures

    /** What the cases read; created once, before the first case. */
    static final class Fixtures {
        String acmeAccelerator;
        String globexAccelerator;
        String acmeSimulation;
        String globexSimulation;
        String acmeQuote;
        String globexQuote;
        String acmeBook;
        String globexBook;
        String globexPlan;
        String acmePlan;
        Map<String, Object> enterprisePlan;
    }

    @BeforeAll
    static void fixtures() {
        PlatformUnderTest.get();
        // the matrix makes several hundred calls as tenant acme: lift it to 'enterprise' for the run (restored after)
        fx.acmePlan = asUser("acme-platform-admin").get("/api/platform/tenants/acme/plan").then().statusCode(200)
                .extract().path("name");
        fx.globexPlan = asUser("acme-platform-admin").get("/api/platform/tenants/globex/plan").then().statusCode(200)
                .extract().path("name");
        asUser("acme-platform-admin").contentType(JSON).body(Map.of("plan", "enterprise"))
                .put("/api/platform/tenants/acme/plan").then().statusCode(200);
        List<Map<String, Object>> plans = asUser("acme-viewer").get("/api/platform/plans").then().statusCode(200)
                .extract().path("");
        fx.enterprisePlan = plans.stream().filter(p -> "enterprise".equals(p.get("name"))).findFirst().orElseThrow();

        fx.acmeAccelerator = createAccelerator("acme-admin", newId("ACME"));
        fx.globexAccelerator = createAccelerator("globex-admin", newId("GLOBEX"));
        fx.acmeBook = createBook("acme-admin", "acme matrix book", false);
        fx.globexBook = createBook("globex-admin", "globex-matrix book", false);
        fx.acmeSimulation = asUser("acme-analyst").contentType(JSON).body(simulation("acme matrix fixture"))
                .post("/api/simulations").then().statusCode(202).extract().path("id");
        fx.globexSimulation = asUser("globex-analyst").contentType(JSON).body(simulation("globex-matrix fixture"))
                .post("/api/simulations").then().statusCode(202).extract().path("id");
        fx.acmeQuote = awaitQuote("acme-analyst", fx.acmeSimulation);
        fx.globexQuote = awaitQuote("globex-analyst", fx.globexSimulation);
        System.out.printf("[authz] %d cases; fixtures acme %s/%s/%s/%s, globex %s/%s/%s/%s%n", CASES.size(),
                fx.acmeAccelerator, fx.acmeSimulation, fx.acmeBook, fx.acmeQuote,
                fx.globexAccelerator, fx.globexSimulation, fx.globexBook, fx.globexQuote);
    }

    @AfterAll
    static void restore() {
        if (fx.acmePlan != null) {
            asUser("acme-platform-admin").contentType(JSON).body(Map.of("plan", fx.acmePlan))
                    .put("/api/platform/tenants/acme/plan").then().statusCode(200);
        }
        // the default-book cases leave acme on some book; the platform default is what the other tests expect
        asUser("acme-admin").contentType(JSON).body(Map.of("priceBookId", PLATFORM_DEFAULT_BOOK))
                .put("/api/pricing/price-books/default").then().statusCode(200);
    }

    private static String awaitQuote(String user, String simulationId) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<String> ids = asUser(user).get("/api/pricing/quotes?simulationId=" + simulationId)
                    .then().statusCode(200).extract().path("id");
            assertThat(ids).as("quotes of simulation %s", simulationId).isNotEmpty();
            id[0] = ids.get(0);
        });
        return id[0];
    }

    private static String createAccelerator(String admin, String id) {
        asUser(admin).contentType(JSON).body(accelerator(id)).post("/api/catalog/accelerators").then().statusCode(201);
        return id;
    }

    private static String createBook(String admin, String name, boolean publicBook) {
        return asUser(admin).contentType(JSON).body(priceBook(name, publicBook)).post("/api/pricing/price-books")
                .then().statusCode(201).extract().path("id");
    }

    /** A private accelerator of acme at revision 1, for a case that changes or deletes it. */
    private static String freshAccelerator() {
        return createAccelerator("acme-admin", newId("ACME"));
    }

    /** A public quantization at revision 1, for a case that changes, deletes or overrides it. */
    private static String freshPublicQuantization() {
        String id = newId("PUB");
        asUser("acme-platform-admin").contentType(JSON).body(publicQuantization(id)).post("/api/catalog/quantizations")
                .then().statusCode(201);
        return id;
    }

    private static String freshBook(boolean publicBook) {
        return publicBook ? createBook("acme-platform-admin", "matrix public book", true)
                : createBook("acme-admin", "matrix book", false);
    }

    // ---------------------------------------------------------------------------------------------- bodies

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static Map<String, Object> accelerator(String id) {
        Map<String, Object> chip = new HashMap<>(Map.of("vendor", "Acme", "name", "Matrix test chip",
                "status", "ANNOUNCED", "memoryGb", 96, "memoryBandwidthTbps", 4.0));
        if (id != null) {
            chip.put("id", id);
        }
        return chip;
    }

    private static Map<String, Object> faster(Map<String, Object> chip) {
        chip.put("memoryBandwidthTbps", 6.0);
        return chip;
    }

    private static Map<String, Object> publicQuantization(String id) {
        Map<String, Object> q = new HashMap<>(Map.of("name", "Matrix W4A8", "weightFormat", "INT4", "weightBits", 4,
                "activationFormat", "FP8", "activationBits", 8, "source", "authorization matrix test definition"));
        if (id != null) {
            q.put("id", id);
            q.put("visibility", "public");
        }
        return q;
    }

    private static Map<String, Object> renamed(Map<String, Object> quantization) {
        quantization.put("name", "Matrix W4A8 (renamed)");
        return quantization;
    }

    private static Map<String, Object> simulation(String name) {
        return Map.of("name", name, "acceleratorId", "H100", "modelParameters", 8_030_000_000L,
                "weightPrecision", "BF16");
    }

    private static Map<String, Object> simulationOn(String acceleratorId) {
        return Map.of("name", "matrix run on " + acceleratorId, "acceleratorId", acceleratorId,
                "modelParameters", 8_030_000_000L, "weightPrecision", "BF16");
    }

    /** The scenario form (what an estimate needs): a catalog model on {@code acceleratorId}. */
    private static Map<String, Object> scenarioOn(String acceleratorId) {
        return Map.of("name", "matrix estimate on " + acceleratorId, "modelId", "llama-3.1-8b",
                "acceleratorId", acceleratorId, "quantization", "FP8",
                "parallelism", Map.of("tensor", 1, "pipeline", 1, "expert", 1), "replicas", 1,
                "workload", Map.of("arrivalRate", 4, "inputTokens", 256, "outputTokens", 32), "requestCount", 50);
    }

    /**
     * A fresh globex job's Idempotency-Key. globex is on the free plan (one queued or running job at a time), so the
     * job is awaited to its end before the key is used.
     */
    private static String globexJobKey() {
        String key = "matrix-" + UUID.randomUUID();
        String id = asUser("globex-analyst").contentType(JSON).header("Idempotency-Key", key)
                .body(simulation("globex-keyed job"))
                .post("/api/simulations").then().statusCode(202).extract().path("id");
        // polled once a second: the free plan also allows only 2 requests per second (burst 30) at the gateway
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofSeconds(1)).until(() -> List.of("COMPLETED", "FAILED")
                .contains(asUser("globex-analyst").get("/api/simulations/" + id).then().extract().<String>path("status")));
        return key;
    }

    private static Map<String, Object> priceBook(String name, boolean publicBook) {
        return Map.of("name", name, "publicBook", publicBook, "terms", Map.of("currency", "USD",
                "accelerators", List.of(Map.of("acceleratorId", "H100", "source", "authorization matrix test",
                        "tco", Map.of("path", "RENT", "rentalUsdPerGpuHour", 2.0)))));
    }

    private static Map<String, Object> efficiencyOfQuote(String quoteId) {
        return Map.of("inputWeightPercent", 0, "models", List.of(Map.of("name", "self-hosted", "quality", 80,
                "quoteId", quoteId)));
    }

    // ---------------------------------------------------------------------------------------------- tokens

    private record CachedToken(String token, long fetchedAtNanos) {
    }

    private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

    /** Access tokens live 300 s in the realm; one is reused for at most 200 s. */
    private static String tokenOf(String principal) {
        CachedToken cached = TOKENS.get(principal);
        if (cached == null || System.nanoTime() - cached.fetchedAtNanos() > Duration.ofSeconds(200).toNanos()) {
            String token = principal.endsWith("-api")
                    ? PlatformUnderTest.clientToken(principal, "demo-" + principal + "-secret")
                    : PlatformUnderTest.userToken(principal);
            cached = new CachedToken(token, System.nanoTime());
            TOKENS.put(principal, cached);
        }
        return cached.token();
    }

    private static RequestSpecification asUser(String principal) {
        return given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(tokenOf(principal));
    }

    private static RequestSpecification as(Caller caller) {
        RequestSpecification spec = given().baseUri(PlatformUnderTest.gatewayUrl()).accept(ContentType.JSON);
        return switch (caller) {
            case NO_TOKEN -> spec;
            case INVALID_TOKEN -> spec.auth().oauth2("not-a-token");
            default -> spec.auth().oauth2(tokenOf(caller.principal));
        };
    }
}
