package io.tokenomics.gateway;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog pages and the hardware-generation page in Debian's Chromium, logged in through the real Keycloak page:
 * searchable systems and models tables with shareable URLs, an entry's detail with sources and revisions, a compare
 * of two accelerators (the chart's data), a tenant-admin creating a tenant-private accelerator through the form (a
 * server validation message on its field, the private badge), another tenant never seeing it, a viewer without edit
 * controls, a stale edit answered with the conflict message, and the generations chart with one bar per accelerator.
 * Screenshots land in target/screenshots.
 */
class CatalogPagesBrowserIT {
    private static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
    @RegisterExtension
    static final BrowserUnderTest chromium = new BrowserUnderTest();

    private static BrowserContext context() {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    }

    private static String app(String hash) {
        return PlatformUnderTest.gatewayUrl() + "/app/" + hash;
    }

    @Test
    void aViewerSearchesSystemsAndModelsOpensAnEntryAndComparesTwoAccelerators() {
        try (BrowserContext context = context()) {
            List<String> pageErrors = new ArrayList<>();
            Page page = Chromium.logIn(context, "acme-viewer");
            page.onPageError(pageErrors::add);

            page.navigate(app("#/catalog/systems"));
            page.waitForSelector("#systems tbody tr[data-id]");
            assertThat(page.locator("#systems tbody tr").count()).isGreaterThanOrEqualTo(3);
            assertThat(page.locator("#systems tbody tr[data-visibility='public'] [data-visibility='public']").count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(page.locator("#new-entry").count()).as("a viewer gets no create control").isZero();
            page.fill("#catalog-search", "gb200");
            page.waitForFunction("() => document.querySelectorAll('#systems tbody tr').length === 1");
            assertThat(page.textContent("#systems tbody tr")).contains("GB200");
            assertThat(page.url()).endsWith("#/catalog/systems?q=gb200");
            // sorting by a column is kept in the URL too
            page.fill("#catalog-search", "");
            page.click("#systems th button[data-sort='acceleratorCount']");
            page.click("#systems th button[data-sort='acceleratorCount']");
            assertThat(page.url()).endsWith("#/catalog/systems?sort=-acceleratorCount");
            assertThat(page.textContent("#systems tbody tr:first-child")).contains("CloudMatrix");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog-systems.png")).setFullPage(true));

            // a shared URL opens the models table already searched
            page.navigate(app("#/catalog/models?q=llama"));
            page.reload();
            page.waitForSelector("#models tbody tr[data-id]");
            assertThat(page.inputValue("#catalog-search")).isEqualTo("llama");
            List<String> rows = page.locator("#models tbody tr").allTextContents();
            assertThat(rows).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(row -> assertThat(row.toLowerCase(Locale.ROOT)).contains("llama"));
            assertThat(page.locator("#models tbody tr td.source").first().textContent()).isNotBlank();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog-models.png")).setFullPage(true));

            // an entry's detail: every field, its sources and its revision history; no edit controls for a viewer
            page.navigate(app("#/catalog/accelerators/H100"));
            page.waitForSelector("#entry-fields");
            assertThat(page.textContent("#entry-fields tr[data-field='memoryGb'] td")).isEqualTo("80");
            assertThat(page.textContent("#entry-sources")).contains("compute");
            assertThat(page.locator("#revisions tbody tr").count()).isGreaterThanOrEqualTo(1);
            assertThat(page.locator("#edit-entry, #override-entry").count()).isZero();

            // pick two accelerators in the table and compare them
            page.navigate(app("#/catalog/accelerators"));
            page.waitForSelector("#accelerators tbody tr[data-id='B200']");
            page.check("#accelerators tr[data-id='H100'] input.compare-pick");
            page.check("#accelerators tr[data-id='B200'] input.compare-pick");
            page.click("#compare-selected");
            page.waitForFunction("() => window.tokenomicsCharts.catalogCompare !== undefined");
            assertThat(page.url()).endsWith("#/catalog/compare?kind=accelerators&ids=H100,B200");
            Map<?, ?> option = (Map<?, ?>) page.evaluate("""
                    () => { const o = window.tokenomicsCharts.catalogCompare.getOption();
                            return { figures: o.xAxis[0].data, series: o.series.map(s => ({ name: s.name, data: s.data })) }; }""");
            List<?> figures = (List<?>) option.get("figures");
            List<?> series = (List<?>) option.get("series");
            assertThat(series.stream().map(s -> String.valueOf(((Map<?, ?>) s).get("name"))).toList()).containsExactly("H100", "B200");
            int bf16 = figures.indexOf("BF16 TFLOPS");
            int memory = figures.indexOf("memory GB");
            assertThat(bf16).isNotNegative();
            assertThat(number(series, 0, bf16)).isEqualTo(989.0);
            assertThat(number(series, 1, bf16)).isEqualTo(2250.0);
            assertThat(number(series, 0, memory)).isEqualTo(80.0);
            assertThat(number(series, 1, memory)).isEqualTo(180.0);
            assertThat(page.locator("#compare-table tr.differs[data-field='memoryGb']").count()).isEqualTo(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog-compare.png")).setFullPage(true));
            assertThat(pageErrors).isEmpty();
        }
    }

    @Test
    void aTenantAdminCreatesAPrivateAcceleratorOtherTenantsNeverSeeItAndAStaleEditIsRefused() {
        String id = "ACME-X" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);
        try (BrowserContext context = context()) {
            List<String> pageErrors = new ArrayList<>();
            Page page = Chromium.logIn(context, "acme-admin");
            page.onPageError(pageErrors::add);
            page.navigate(app("#/catalog/accelerators"));
            page.click("#new-entry");
            page.waitForSelector("#entry-form");
            page.fill("#entry-form [name=id]", id);
            page.fill("#entry-form [name=vendor]", "Acme Silicon");
            page.fill("#entry-form [name=name]", "Acme X1 (lab sample)");
            page.selectOption("#entry-form [name=status]", "ANNOUNCED");
            page.fill("#entry-form [name=memoryGb]", "-96");
            page.fill("#entry-form [name=memoryBandwidthTbps]", "4.1");
            page.fill("#entry-form [name=bf16DenseTflops]", "640");
            page.fill("#entry-form [name=tdpWatts]", "600");
            page.fill("#entry-form [name='sources.compute']", "Acme lab measurement 2026-11");
            page.click("#save-entry");
            // the server's problem+json lands on the field it names
            page.waitForSelector("[data-error-for='memoryGb']:not(:empty)");
            assertThat(page.textContent("[data-error-for='memoryGb']")).contains("greater than 0");
            assertThat(page.getAttribute("#entry-form [name=memoryGb]", "aria-invalid")).isEqualTo("true");

            page.fill("#entry-form [name=memoryGb]", "96");
            page.click("#save-entry");
            page.waitForSelector("#entry-fields");
            assertThat(page.url()).endsWith("#/catalog/accelerators/" + id);
            assertThat(page.getAttribute("h1 .badge", "data-visibility")).isEqualTo("tenant-private");
            assertThat(page.textContent("#entry-sources")).contains("Acme lab measurement");

            page.navigate(app("#/catalog/accelerators?q=acme"));
            page.waitForSelector("#accelerators tbody tr[data-id='" + id + "']");
            assertThat(page.getAttribute("#accelerators tr[data-id='" + id + "']", "data-visibility")).isEqualTo("tenant-private");
            assertThat(page.textContent("#accelerators tr[data-id='" + id + "'] .badge")).isEqualTo("tenant-private");

            // edit with an ETag that someone else made stale in between: the conflict message, then reload and save
            page.navigate(app("#/catalog/accelerators/" + id));
            page.click("#edit-entry");
            page.waitForSelector("#entry-form [name=memoryGb]");
            String adminToken = PlatformUnderTest.userToken("acme-admin");
            Response current = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken)
                    .get("/api/catalog/accelerators/" + id);
            assertThat(current.statusCode()).isEqualTo(200);
            Map<String, Object> changed = new java.util.LinkedHashMap<>(current.jsonPath().getMap(""));
            changed.put("notes", "changed by a colleague meanwhile");
            given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken).contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag")).body(changed)
                    .put("/api/catalog/accelerators/" + id).then().statusCode(200);
            page.fill("#entry-form [name=memoryGb]", "128");
            page.click("#save-entry");
            page.waitForSelector("#conflict");
            assertThat(page.textContent("#conflict")).contains("changed by someone else").contains("Reload");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("catalog-edit.png")).setFullPage(true));
            page.click("#reload-entry");
            page.waitForFunction("() => document.querySelector('#entry-form [name=notes]')?.value === 'changed by a colleague meanwhile'");
            page.fill("#entry-form [name=memoryGb]", "128");
            page.click("#save-entry");
            page.waitForSelector("#entry-fields");
            assertThat(page.textContent("#entry-fields tr[data-field='memoryGb'] td")).isEqualTo("128");
            assertThat(page.locator("#revisions tbody tr").count()).isEqualTo(3);
            assertThat(pageErrors).isEmpty();
        }

        // a viewer of the same tenant sees the private entry, marked, and no edit controls
        try (BrowserContext context = context()) {
            Page page = Chromium.logIn(context, "acme-viewer");
            page.navigate(app("#/catalog/accelerators/" + id));
            page.waitForSelector("#entry-fields");
            assertThat(page.getAttribute("h1 .badge", "data-visibility")).isEqualTo("tenant-private");
            assertThat(page.locator("#edit-entry, #override-entry").count()).isZero();
            page.navigate(app("#/catalog/accelerators"));
            page.waitForSelector("#accelerators tbody tr[data-id='" + id + "']");
            assertThat(page.locator("#new-entry").count()).isZero();
        }

        // tenant isolation: another tenant's admin neither lists nor opens it, in the app or through the API
        try (BrowserContext context = context()) {
            Page page = Chromium.logIn(context, "globex-admin");
            page.navigate(app("#/catalog/accelerators"));
            page.waitForSelector("#accelerators tbody tr[data-id='H100']");
            assertThat(page.locator("#new-entry").count()).as("globex's admin may create its own entries").isEqualTo(1);
            assertThat(page.locator("#accelerators tbody tr[data-id='" + id + "']").count()).isZero();
            page.navigate(app("#/catalog/accelerators/" + id));
            page.waitForSelector("#not-found");
            assertThat(page.textContent("#not-found")).contains("Not found");
            given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(PlatformUnderTest.userToken("globex-admin"))
                    .get("/api/catalog/accelerators/" + id).then().statusCode(404);

            // globex's admin overrides a public system's price for its tenant only
            page.navigate(app("#/catalog/systems?q=dgx"));
            page.waitForSelector("#systems tbody tr[data-id]");
            String system = page.getAttribute("#systems tbody tr:has-text('DGX H100')", "data-id");
            page.click("#systems tr[data-id='" + system + "'] a");
            page.waitForSelector("#override-entry");
            assertThat(page.locator("#edit-entry").count()).as("only a platform-admin edits a public entry").isZero();
            page.click("#override-entry");
            page.waitForSelector("#entry-form [name=priceUsd]");
            page.fill("#entry-form [name=priceUsd]", "199000");
            page.click("#save-entry");
            page.waitForSelector("#entry-fields tr.overridden[data-field='priceUsd']");
            assertThat(page.getAttribute("h1 .badge", "data-visibility")).isEqualTo("overridden");
            assertThat(page.textContent("#entry-fields tr[data-field='priceUsd'] td")).startsWith("199000");
            assertThat(page.locator("#override-revisions tbody tr").count()).isEqualTo(1);
            Response publicView = given().baseUri(PlatformUnderTest.gatewayUrl())
                    .auth().oauth2(PlatformUnderTest.userToken("acme-viewer")).get("/api/catalog/systems/" + system);
            assertThat(publicView.statusCode()).isEqualTo(200);
            assertThat((Object) publicView.jsonPath().get("overridden")).as("acme sees the public entry").isNull();
            assertThat(String.valueOf((Object) publicView.jsonPath().get("priceUsd"))).doesNotStartWith("199000");

            // ... and removes it again: the public figures come back for globex
            page.click("#remove-override");
            page.click("#confirm-remove-override");
            page.waitForSelector("h1 .badge[data-visibility='public']");
            assertThat(page.locator("#remove-override").count()).isZero();
            Response globexView = given().baseUri(PlatformUnderTest.gatewayUrl())
                    .auth().oauth2(PlatformUnderTest.userToken("globex-viewer")).get("/api/catalog/systems/" + system);
            assertThat(globexView.statusCode()).isEqualTo(200);
            assertThat((Object) globexView.jsonPath().get("overridden")).isNull();
            assertThat(String.valueOf((Object) globexView.jsonPath().get("priceUsd"))).doesNotStartWith("199000");
        }

        // acme's admin deletes its private entry: a stale ETag is refused first, then the delete goes through
        try (BrowserContext context = context()) {
            Page page = Chromium.logIn(context, "acme-admin");
            page.navigate(app("#/catalog/accelerators/" + id));
            page.waitForSelector("#delete-entry");
            String adminToken = PlatformUnderTest.userToken("acme-admin");
            Response current = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken)
                    .get("/api/catalog/accelerators/" + id);
            Map<String, Object> changed = new java.util.LinkedHashMap<>(current.jsonPath().getMap(""));
            changed.put("notes", "changed again before the delete");
            given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken).contentType(ContentType.JSON)
                    .header("If-Match", current.header("ETag")).body(changed)
                    .put("/api/catalog/accelerators/" + id).then().statusCode(200);
            page.click("#delete-entry");
            page.click("#confirm-delete");
            page.waitForSelector("#conflict");
            assertThat(page.textContent("#conflict")).contains("changed by someone else");
            given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken)
                    .get("/api/catalog/accelerators/" + id).then().statusCode(200);
            page.click("#reload-entry");
            page.waitForSelector("#entry-fields tr[data-field='notes']:has-text('changed again before the delete')");
            page.click("#delete-entry");
            page.click("#confirm-delete");
            page.waitForSelector("#deleted-notice");
            assertThat(page.textContent("#deleted-notice")).contains(id);
            page.waitForSelector("#accelerators tbody tr[data-id='H100']");
            assertThat(page.locator("#accelerators tbody tr[data-id='" + id + "']").count()).isZero();
            given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(adminToken)
                    .get("/api/catalog/accelerators/" + id).then().statusCode(404);
        }
    }

    @Test
    void anAnalystComparesHardwareGenerationsForOneModel() {
        try (BrowserContext context = context()) {
            List<String> pageErrors = new ArrayList<>();
            Page page = Chromium.logIn(context, "acme-analyst");
            page.onPageError(pageErrors::add);
            page.navigate(app("#/pricing"));
            page.click("nav.subnav a[href='#/pricing/generations']");
            page.waitForSelector("#generations-form");
            page.selectOption("#generations-form [name=modelId]", "llama-3.1-8b");
            page.selectOption("#generations-form [name=quantization]", "FP8");
            page.locator("#generation-accelerators input[name=accelerator]").evaluateAll("boxes => boxes.forEach(b => { b.checked = false; })");
            List<String> chosen = List.of("H100", "H200", "B200");
            chosen.forEach(a -> page.check("#generation-accelerators input[value='" + a + "']"));
            page.click("#run-generations");
            page.waitForFunction("() => window.tokenomicsCharts.generationsEnergy !== undefined",
                    null, new Page.WaitForFunctionOptions().setTimeout(240_000));
            assertThat(page.url()).contains("#/pricing/generations?").contains("model=llama-3.1-8b")
                    .containsPattern("accelerators=[A-Z0-9%]*H100").containsPattern("accelerators=[A-Z0-9%]*B200");
            Map<String, Double> perGpu = new java.util.HashMap<>();
            for (String name : List.of("generationsThroughput", "generationsPerMw", "generationsCost", "generationsEnergy")) {
                Map<?, ?> option = (Map<?, ?>) page.evaluate("name => { const o = window.tokenomicsCharts[name].getOption();"
                        + " return { x: o.xAxis[0].data, data: o.series[0].data }; }", name);
                List<String> x = ((List<?>) option.get("x")).stream().map(String::valueOf).toList();
                List<?> data = (List<?>) option.get("data");
                assertThat(x).as(name).containsExactlyInAnyOrderElementsOf(chosen);
                assertThat(data).as(name).hasSize(chosen.size())
                        .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isPositive());
                if (name.equals("generationsThroughput")) {
                    for (int i = 0; i < x.size(); i++) {
                        perGpu.put(x.get(i), ((Number) data.get(i)).doubleValue());
                    }
                }
            }
            // a newer generation serves the same model faster per GPU
            assertThat(perGpu.get("B200")).isGreaterThan(perGpu.get("H100"));
            assertThat(page.locator("#generations-table tbody tr").count()).isEqualTo(3);
            assertThat(page.locator("#generations-table tbody tr td:last-child").allTextContents())
                    .containsOnly("steady-state-estimate.v1");
            // the cost comes from pricing-service's token-cost at the platform rate, with its basis
            assertThat(page.textContent("#generations-table tbody tr[data-id='H100'] td:nth-child(6)")).contains("(sourced)");
            assertThat(page.textContent("#generations-table tbody tr[data-id='B200'] td:nth-child(6)")).contains("(assumption)");
            assertThat(page.textContent("#generations-table tbody tr[data-id='H100'] td:nth-child(7)")).startsWith("$");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("pricing-generations.png")).setFullPage(true));
            assertThat(pageErrors).isEmpty();
        }
    }

    @Test
    void meNamesTheTokensTenantAndRolesOnly() {
        var admin = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(PlatformUnderTest.userToken("globex-admin"))
                .header("X-Tenant", "acme").get("/api/me");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.jsonPath().getString("tenant")).isEqualTo("globex");
        assertThat(admin.jsonPath().getString("user")).isEqualTo("globex-admin");
        assertThat(admin.jsonPath().getList("roles", String.class)).containsExactly("viewer", "analyst", "tenant-admin");
        var viewer = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(PlatformUnderTest.userToken("acme-viewer"))
                .get("/api/me");
        assertThat(viewer.jsonPath().getList("roles", String.class)).containsExactly("viewer");
        given().baseUri(PlatformUnderTest.gatewayUrl()).get("/api/me").then().statusCode(401);
    }

    private static double number(List<?> series, int s, int i) {
        return ((Number) ((List<?>) ((Map<?, ?>) series.get(s)).get("data")).get(i)).doubleValue();
    }
}
