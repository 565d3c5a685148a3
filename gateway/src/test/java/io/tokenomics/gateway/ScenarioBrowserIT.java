package io.tokenomics.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario builder, the live run view, results, sweeps, comparison and exports in Debian's Chromium against the
 * whole platform: what the user sees is asserted (field messages, progress, chart data, downloaded files), and every
 * step leaves a screenshot in target/screenshots.
 */
class ScenarioBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tenant book that owns its H100s (illustrative figures): the quote splits into capital, energy and opex. */
    private static final String OWN_H100_BOOK = """
            {"name": "Browser: own H100s (illustrative)", "terms": {"currency": "USD", "accelerators": [{"acceleratorId": "H100",
              "source": "illustrative figures of ScenarioBrowserIT",
              "tco": {"path": "OWN", "systemPriceUsd": 300000, "gpusPerSystem": 8, "amortizationYears": 5,
                      "costOfCapitalPercent": 8, "facilityCapexUsdPerMw": 10000000, "maintenancePercentPerYear": 5,
                      "opexUsdPerMwYear": 500000, "wattsPerGpu": 1000, "utilizationPercent": 70, "pue": 1.2,
                      "powerRegion": "US"}}]}}""";

    @RegisterExtension
    static final BrowserUnderTest chromium = new BrowserUnderTest();

    private static BrowserContext context() {
        return chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000)
                .setAcceptDownloads(true));
    }

    /** The scenario builder, once its catalog choices are loaded. */
    private static void openScenarioBuilder(Page page) {
        page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
        page.waitForSelector("#scenario select[name='modelId'] option[value='llama-3.1-8b']",
                new Page.WaitForSelectorOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(Chromium.SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    private static List<Request> scenarioPosts(Page page) {
        List<Request> posts = new ArrayList<>();
        page.onRequest(r -> {
            if (r.method().equals("POST") && r.url().endsWith("/app/api/simulations")) {
                posts.add(r);
            }
        });
        return posts;
    }

    @Test
    void theBuilderChecksFieldsLikeTheServerRunsTheFullScenarioAndShowsPercentilesKvAndPriceWithExports() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            List<Request> posts = scenarioPosts(page);
            openScenarioBuilder(page);

            // client-side checks with the server's messages, next to the field; nothing is sent
            page.fill("input[name='parallelism.tensor']", "2");
            page.fill("input[name='parallelism.expert']", "3");
            page.fill("input[name='workload.arrivalRate']", "");
            page.fill("input[name='batch.kvCacheMemoryFraction']", "1.5");
            page.fill("input[name='name']", " ");
            page.click("#run-simulation");
            page.waitForSelector("[data-error-for='workload.arrivalRate']:not(:empty)");
            assertThat(page.textContent("[data-error-for='workload.arrivalRate']")).isEqualTo("must not be null");
            assertThat(page.textContent("[data-error-for='parallelism.expert']"))
                    .isEqualTo("the expert parallel degree must divide the tensor degree (2)");
            assertThat(page.textContent("[data-error-for='batch.kvCacheMemoryFraction']"))
                    .isEqualTo("must be less than or equal to 1.0");
            assertThat(page.textContent("[data-error-for='name']")).isEqualTo("must not be blank");
            assertThat(page.getAttribute("input[name='workload.arrivalRate']", "aria-invalid")).isEqualTo("true");
            assertThat(posts).isEmpty();
            shot(page, "scenario-builder-validation.png");

            // the full scenario model: TP 2 on H100 with two replicas, batch limits, workload, SLOs, count and seed
            page.fill("input[name='name']", "Browser: 8B FP8 TP2 x 2 replicas");
            page.selectOption("select[name='modelId']", "llama-3.1-8b");
            page.selectOption("select[name='acceleratorId']", "H100");
            page.selectOption("select[name='quantization']", "FP8");
            page.fill("input[name='parallelism.expert']", "1");
            page.fill("input[name='replicas']", "2");
            page.fill("input[name='batch.maxBatchSequences']", "64");
            page.fill("input[name='batch.maxBatchTokens']", "4096");
            page.fill("input[name='batch.kvCacheMemoryFraction']", "0.8");
            page.fill("input[name='workload.arrivalRate']", "6");
            page.fill("input[name='workload.inputTokens']", "1024");
            page.fill("input[name='workload.outputTokens']", "128");
            page.fill("input[name='slo.ttftSeconds']", "1");
            page.fill("input[name='slo.tpotSeconds']", "0.05");
            page.fill("input[name='requestCount']", "600");
            page.fill("input[name='seed']", "7");
            shot(page, "scenario-builder.png");
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.waitForSelector("#latency-table");
            assertThat(posts).hasSize(1);
            JsonNode sent = JSON.readTree(posts.get(0).postData());
            assertThat(sent.at("/parallelism/tensor").asInt()).isEqualTo(2);
            assertThat(sent.at("/replicas").asInt()).isEqualTo(2);
            assertThat(sent.at("/batch/kvCacheMemoryFraction").asDouble()).isEqualTo(0.8);
            assertThat(sent.at("/workload/arrivalRate").asDouble()).isEqualTo(6.0);
            assertThat(sent.at("/seed").asLong()).isEqualTo(7);
            assertThat(page.textContent("#scenario-summary")).contains("llama-3.1-8b on H100", "TP 2", "2 replica", "seed 7");

            // latency percentiles chart: TTFT, TPOT, E2E over p50..p99, each non-decreasing
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> series = (List<Map<String, Object>>) page.evaluate(
                    "() => window.tokenomicsCharts.latency.getOption().series.map(s => ({ name: s.name, data: s.data }))");
            assertThat(series).extracting(s -> s.get("name")).containsExactly("TTFT", "TPOT", "E2E");
            for (Map<String, Object> s : series) {
                List<Double> values = ((List<?>) s.get("data")).stream().map(v -> ((Number) v).doubleValue()).toList();
                assertThat(values).hasSize(4).allMatch(v -> v > 0);
                assertThat(values).isSorted();
            }
            assertThat(page.locator("#latency-table tbody tr").count()).isEqualTo(4);
            // KV-cache occupancy: peak >= mean, both percentages
            List<?> kv = (List<?>) page.evaluate("() => window.tokenomicsCharts.kv.getOption().series[0].data");
            double mean = ((Number) kv.get(0)).doubleValue();
            double peak = ((Number) kv.get(1)).doubleValue();
            assertThat(peak).isGreaterThan(0).isLessThanOrEqualTo(100).isGreaterThanOrEqualTo(mean);
            assertThat(page.textContent("#kv-figures")).contains("blocks per replica");
            assertThat(page.textContent("#cost")).startsWith("$");
            assertThat(page.textContent("#per-gpu")).isNotEqualTo("—");

            // the quote: cost per million output (and input) tokens, its capital/energy/opex/rental split summing to the
            // total within rounding, in the table and in the stacked bar chart, and what could not be computed named
            page.waitForSelector("#cost-breakdown", new Page.WaitForSelectorOptions().setTimeout(30_000));
            assertThat(page.textContent("#cost-output")).startsWith("$");
            double outputTotal = Double.parseDouble(page.getAttribute("#cost-breakdown tr[data-tokens=output] td:last-child", "data-value"));
            assertThat(outputTotal).isPositive();
            assertThat(partsOf(page, "output")).as("output split sums to its total").isCloseTo(outputTotal, org.assertj.core.data.Offset.offset(1e-5));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> split = (List<Map<String, Object>>) page.evaluate(
                    "() => window.tokenomicsCharts.costSplit.getOption().series.map(s => ({ name: s.name, data: s.data }))");
            assertThat(split).extracting(s -> s.get("name")).isNotEmpty().isSubsetOf("Capital", "Energy", "Opex", "Rental");
            assertThat(split.stream().mapToDouble(s -> ((Number) ((List<?>) s.get("data")).get(0)).doubleValue()).sum())
                    .as("stacked bar of the output split").isCloseTo(outputTotal, org.assertj.core.data.Offset.offset(1e-5));
            JsonNode quote = readJson(page, "/app/api/pricing/quotes?simulationId=" + page.url().replaceAll(".*#/simulations/", ""));
            assertThat(quote.get(0).at("/result/perMillionOutputTokens").decimalValue().doubleValue()).isEqualTo(outputTotal);
            // a figure is either shown or named under "Not computed"
            String missing = page.locator("#cost-missing").count() > 0 ? page.textContent("#cost-missing") : "";
            if (quote.get(0).at("/result/perMillionInputTokens").isNull()) {
                assertThat(page.textContent("#cost-input")).isEqualTo("not computed");
                assertThat(missing).contains("input-token cost");
            } else {
                double inputTotal = quote.get(0).at("/result/perMillionInputTokens").asDouble();
                assertThat(page.textContent("#cost-input")).startsWith("$");
                assertThat(partsOf(page, "input")).as("input split sums to its total").isCloseTo(inputTotal, org.assertj.core.data.Offset.offset(1e-5));
                // the input split is pricing-service's (BigDecimal on the server), shown as is
                for (String part : List.of("capital", "energy", "opex", "rental")) {
                    assertThat(new java.math.BigDecimal(page.getAttribute("#cost-breakdown tr[data-tokens=input] td[data-part=" + part + "]", "data-value")))
                            .as("input " + part).isEqualByComparingTo(quote.get(0).at("/result/perMillionInputTokensSplit/" + part).decimalValue());
                }
            }
            if (quote.get(0).at("/result/perMillionOutputTokensLow").isNull()) {
                assertThat(page.textContent("#cost-range")).isEqualTo("—");
                assertThat(missing).contains("confidence range");
            } else {
                assertThat(page.textContent("#cost-range")).contains("$", " – ");
            }
            shot(page, "simulation-result.png");

            // priced with an owned-hardware book (made by acme's tenant admin): capital, energy and opex each cost
            // something, sum to the output total, and the new quote has its own URL
            String book = given().baseUri(PlatformUnderTest.gatewayUrl()).auth().oauth2(PlatformUnderTest.userToken("acme-admin"))
                    .contentType(io.restassured.http.ContentType.JSON).body(OWN_H100_BOOK).post("/api/pricing/price-books")
                    .then().statusCode(201).extract().path("id");
            String simulationUrl = page.url();
            page.reload();
            page.waitForSelector("#price-book option[value='" + book + "']", new Page.WaitForSelectorOptions()
                    .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED).setTimeout(30_000));
            page.selectOption("#price-book", book);
            page.click("#recompute-quote");
            page.waitForURL(url -> url.startsWith(simulationUrl + "?quote="));
            String recomputed = page.url().replaceAll(".*\\?quote=", "");
            page.waitForSelector("#cost-section[data-quote-id='" + recomputed + "'] #cost-breakdown");
            double ownTotal = Double.parseDouble(page.getAttribute("#cost-breakdown tr[data-tokens=output] td:last-child", "data-value"));
            for (String part : List.of("capital", "energy", "opex")) {
                assertThat(Double.parseDouble(page.getAttribute("#cost-breakdown tr[data-tokens=output] td[data-part=" + part + "]", "data-value")))
                        .as(part).isPositive();
            }
            assertThat(partsOf(page, "output")).as("owned: output split sums to its total").isCloseTo(ownTotal, org.assertj.core.data.Offset.offset(1e-5));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ownSplit = (List<Map<String, Object>>) page.evaluate(
                    "() => window.tokenomicsCharts.costSplit.getOption().series.map(s => ({ name: s.name, data: s.data }))");
            assertThat(ownSplit).extracting(s -> s.get("name")).containsExactly("Capital", "Energy", "Opex");
            assertThat(ownSplit.stream().mapToDouble(s -> ((Number) ((List<?>) s.get("data")).get(0)).doubleValue()).sum())
                    .isCloseTo(ownTotal, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(readJson(page, "/app/api/pricing/quotes/" + recomputed).get("priceBookId").asText()).isEqualTo(book);
            page.locator("#cost-section").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("result-cost-breakdown.png")));
            page.navigate(simulationUrl);
            page.waitForSelector("#latency-table");

            // exports: the same result as JSON and CSV files
            Download json = page.waitForDownload(() -> page.click("#export-json"));
            assertThat(json.suggestedFilename()).endsWith(".json");
            JsonNode exported = JSON.readTree(Files.readString(json.path()));
            assertThat(exported.get("outputTokensPerSecondPerGpu").asDouble()).isGreaterThan(0);
            assertThat(exported.at("/latency/ttft/p99").asDouble()).isGreaterThan(0);
            Download csv = page.waitForDownload(() -> page.click("#export-csv"));
            assertThat(csv.suggestedFilename()).endsWith(".csv");
            assertThat(Files.readString(csv.path())).startsWith("metric,value").contains("outputTokensPerSecondPerGpu");
        }
    }

    @Test
    void theAdvancedSectionSendsOnlyTheEngineSettingsSetChecksThemLikeTheServerAndShowsThemInTheAssumptions() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            List<Request> posts = scenarioPosts(page);
            openScenarioBuilder(page);
            assertThat(page.isVisible("select[name='routing']")).as("collapsed by default").isFalse();
            page.click("#advanced-toggle");
            page.fill("input[name='name']", "Browser: advanced settings");
            page.fill("input[name='requestCount']", "300");
            page.selectOption("select[name='routing']", "round-robin");
            page.selectOption("select[name='workload.output.distribution']", "lognormal");
            assertThat(page.isVisible("input[name='workload.output.sigma']")).isTrue();
            assertThat(page.isVisible("input[name='workload.output.tokens']")).as("fixed-only parameter hidden").isFalse();
            page.fill("input[name='workload.output.median']", "128");
            page.fill("input[name='workload.output.sigma']", "0.5");
            page.fill("input[name='workload.output.max']", "512");
            page.selectOption("select[name='speculation.drafter']", "mtp");
            page.fill("input[name='speculation.draftTokens']", "3");

            // a bad value is named next to its field, as the server would, and nothing is sent
            page.fill("input[name='speculation.acceptance']", "1.5");
            page.click("#run-simulation");
            page.waitForSelector("[data-error-for='speculation.acceptance']:not(:empty)");
            assertThat(page.textContent("[data-error-for='speculation.acceptance']")).isEqualTo("must be less than or equal to 1");
            assertThat(page.getAttribute("input[name='speculation.acceptance']", "aria-invalid")).isEqualTo("true");
            assertThat(posts).isEmpty();

            page.fill("input[name='speculation.acceptance']", "0.7");
            shot(page, "scenario-advanced.png");
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            assertThat(posts).hasSize(1);
            // exactly the simple form's body with the distribution in place of outputTokens, speculation and routing
            assertThat(JSON.readTree(posts.get(0).postData())).isEqualTo(JSON.readTree("""
                    {"modelId": "llama-3.1-8b", "acceleratorId": "H100", "quantization": "FP8",
                     "parallelism": {"tensor": 1, "pipeline": 1, "expert": 1}, "replicas": 1,
                     "batch": {"maxBatchSequences": 256, "maxBatchTokens": 8192, "kvCacheMemoryFraction": 0.9},
                     "workload": {"arrivalRate": 2, "inputTokens": 1024,
                                  "output": {"distribution": "lognormal", "median": 128, "sigma": 0.5, "max": 512}},
                     "slo": {"ttftSeconds": 2, "tpotSeconds": 0.05}, "requestCount": 300, "seed": 1,
                     "routing": "round-robin",
                     "speculation": {"draftTokens": 3, "acceptance": 0.7, "drafter": "mtp"},
                     "name": "Browser: advanced settings"}"""));
            page.waitForSelector("#engine-settings");
            assertThat(page.textContent("#engine-settings"))
                    .contains("output lengths lognormal (median 128, sigma 0.5, max 512)", "routing round-robin",
                            "speculation mtp: 3 draft tokens, acceptance 0.7");
            // the server's own account of what the run assumed
            assertThat(page.textContent("#assumptions")).contains("round-robin routing", "speculative decoding");
            assertThat(page.textContent("#scenario-summary")).contains("OSL lognormal");
            shot(page, "scenario-advanced-result.png");

            // the trace picker: a CSV file uploaded as text/csv becomes the tenant's trace, listed and chosen
            List<Request> uploads = new ArrayList<>();
            page.onRequest(r -> {
                if (r.method().equals("POST") && r.url().contains("/app/api/traces")) {
                    uploads.add(r);
                }
            });
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#advanced-toggle");
            page.click("#advanced-toggle");
            page.setInputFiles("#trace-file", new com.microsoft.playwright.options.FilePayload("browser-trace.csv", "text/csv",
                    "timestamp,input_tokens,output_tokens\n0,100,20\n0.5,200,30\n1.0,150,25\n"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            page.click("#upload-trace");
            page.waitForSelector("#trace-upload-status:has-text('Uploaded')");
            assertThat(uploads).hasSize(1);
            assertThat(uploads.get(0).headers().get("content-type")).isEqualTo("text/csv");
            assertThat(page.textContent("#trace-upload-status")).contains("browser-trace", "3 requests");
            String chosen = page.inputValue("select[name='workload.traceId']");
            assertThat(chosen).matches("[0-9a-f-]{36}");
            assertThat(page.textContent("select[name='workload.traceId'] option[value='" + chosen + "']"))
                    .startsWith("browser-trace — 3 requests");
            assertThat(posts).hasSize(1);
        }
    }

    /** The sum of the capital/energy/opex/rental cells of a row of the cost table ("output" or "input"). */
    private static double partsOf(Page page, String tokens) {
        return page.locator("#cost-breakdown tr[data-tokens=" + tokens + "] td[data-part][data-value]").all().stream()
                .mapToDouble(cell -> Double.parseDouble(cell.getAttribute("data-value"))).sum();
    }

    @Test
    void aCatalogDraftModelAndAnAcceptanceProfileAreChosenInTheAdvancedSectionAndShownWithThePinnedRevision() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            List<Request> posts = scenarioPosts(page);
            openScenarioBuilder(page);
            page.click("#advanced-toggle");
            page.fill("input[name='name']", "Browser: 70B drafted by 8B");
            page.selectOption("select[name='modelId']", "llama-3.1-70b");
            page.fill("input[name='parallelism.tensor']", "4");
            page.fill("input[name='requestCount']", "300");
            page.fill("input[name='speculation.draftTokens']", "4");
            page.fill("input[name='speculation.acceptance']", "0.7");
            page.fill("input[name='speculation.acceptanceByPosition']", "0.9, 0.8, 0.7, 0.6");
            page.selectOption("select[name='speculation.draftModelId']", "llama-3.1-8b");

            // a draft model with a drafter that drafts without one, and two kinds of acceptance: each named next to
            // its field, nothing is sent
            page.selectOption("select[name='speculation.drafter']", "mtp");
            page.click("#run-simulation");
            page.waitForSelector("[data-error-for='speculation.draftModelId']:not(:empty)");
            assertThat(page.textContent("[data-error-for='speculation.draftModelId']"))
                    .startsWith("only with drafter model (or no drafter)");
            assertThat(page.textContent("[data-error-for='speculation.acceptanceByPosition']"))
                    .contains("not both");
            assertThat(posts).isEmpty();

            page.selectOption("select[name='speculation.drafter']", "model");
            page.fill("input[name='speculation.acceptance']", "");
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            assertThat(posts).hasSize(1);
            assertThat(JSON.readTree(posts.get(0).postData()).get("speculation")).isEqualTo(JSON.readTree("""
                    {"draftTokens": 4, "acceptanceByPosition": [0.9, 0.8, 0.7, 0.6], "drafter": "model",
                     "draftModelId": "llama-3.1-8b"}"""));
            page.waitForSelector("#engine-settings");
            assertThat(page.textContent("#engine-settings")).containsPattern(
                    "speculation draft model llama-3\\.1-8b \\(revision \\d+\\): 4 draft tokens, acceptance by position 0\\.9, 0\\.8, 0\\.7, 0\\.6");
            assertThat(page.textContent("#assumptions")).contains("a=[0.9,0.8,0.7,0.6] draft=Llama 3.1 8B");
        }
    }

    // ---------------------------------------------------------------- distributions, time series, estimate

    /** The result's {@code latencyDistribution} and {@code timeSeries} drawn as histograms and series over time. */
    @Test
    void latencyHistogramsAndTimeSeriesDrawTheRunsOwnDistributions() {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#scenario input[name='requestCount']");
            page.fill("input[name='name']", "Browser: distributions");
            page.selectOption("select[name='acceleratorId']", "H100");
            page.fill("input[name='workload.arrivalRate']", "6");
            page.fill("input[name='requestCount']", "400");
            page.click("#run-simulation");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.waitForSelector("#distributions");
            String id = page.url().replaceAll(".*#/simulations/", "");
            JsonNode result = readJson(page, "/app/api/simulations/" + id).get("result");
            long completed = result.get("completedRequests").asLong();
            assertThat(completed).isPositive();
            // histograms: TTFT and E2E count every completed request; TPOT those with more than one output token
            for (String name : List.of("ttftHistogram", "e2eHistogram", "tpotHistogram")) {
                List<?> counts = (List<?>) page.evaluate("n => window.tokenomicsCharts[n].getOption().series[0].data", name);
                long sum = counts.stream().mapToLong(c -> ((Number) c).longValue()).sum();
                if (name.equals("tpotHistogram")) {
                    assertThat(sum).as(name).isPositive().isLessThanOrEqualTo(completed);
                } else {
                    assertThat(sum).as(name).isEqualTo(completed);
                }
                List<?> labels = (List<?>) page.evaluate("n => window.tokenomicsCharts[n].getOption().xAxis[0].data", name);
                assertThat(labels).as(name + " buckets").hasSameSizeAs(counts);
            }
            page.locator("#distributions .chart-grid").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("result-latency-histogram.png")));
            // time series: three series, as long as the result's time axis, KV occupancy in percent, time non-decreasing
            int samples = result.at("/timeSeries/timeSeconds").size();
            assertThat(samples).isPositive();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> series = (List<Map<String, Object>>) page.evaluate(
                    "() => window.tokenomicsCharts.timeSeries.getOption().series.map(s => ({ name: s.name, data: s.data }))");
            assertThat(series).extracting(s -> s.get("name"))
                    .containsExactly("queue length", "running sequences", "KV-cache occupancy (%)");
            for (Map<String, Object> s : series) {
                List<?> points = (List<?>) s.get("data");
                assertThat(points).as((String) s.get("name")).hasSize(samples);
                double previous = Double.NEGATIVE_INFINITY;
                for (Object point : points) {
                    double t = ((Number) ((List<?>) point).get(0)).doubleValue();
                    assertThat(t).isGreaterThanOrEqualTo(previous);
                    previous = t;
                }
            }
            assertThat(((List<?>) series.get(2).get("data")).stream().map(p -> ((Number) ((List<?>) p).get(1)).doubleValue()))
                    .allMatch(v -> v >= 0 && v <= 100);
            assertThat(((List<?>) series.get(1).get("data")).stream().mapToDouble(p -> ((Number) ((List<?>) p).get(1)).doubleValue()).max().orElse(0))
                    .as("something ran").isPositive();
            page.locator("#timeseries-chart").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("result-timeseries.png")));
        }
    }

    /** The Estimate button: {@code POST /api/simulations/estimate} priced with the accelerator's terms, before any run. */
    @Test
    void estimateBeforeRunning() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            List<Request> posts = scenarioPosts(page);
            openScenarioBuilder(page);
            page.fill("input[name='name']", "Browser: estimate");
            page.selectOption("select[name='modelId']", "llama-3.1-8b");
            page.selectOption("select[name='acceleratorId']", "H100");

            // a refusal only the server knows (more pipeline stages than the model has layers) lands on the form
            page.fill("input[name='parallelism.pipeline']", "64");
            page.click("#estimate");
            page.waitForSelector("#submit-status .problem");
            assertThat(page.getAttribute("#submit-status .problem", "data-status")).isEqualTo("400");
            page.waitForSelector("[data-error-for^='parallelism']:not(:empty)");
            assertThat(page.locator("[data-field^='parallelism'][aria-invalid=true]").count()).isPositive();
            assertThat(page.locator("#estimate-cost-breakdown").count()).isZero();

            page.fill("input[name='parallelism.pipeline']", "1");
            page.fill("input[name='replicas']", "2");
            page.fill("input[name='workload.arrivalRate']", "4");
            Response answer = page.waitForResponse(r -> r.url().endsWith("/app/api/simulations/estimate") && r.request().method().equals("POST"),
                    () -> page.click("#estimate"));
            assertThat(answer.status()).isEqualTo(200);
            JsonNode estimate = JSON.readTree(answer.text());
            page.waitForSelector("#estimate-cost-breakdown");
            assertThat(estimate.get("acceleratorId").asText()).isEqualTo("H100");
            assertThat(page.textContent("#estimate-method")).contains("estimate", "steady-state");
            assertThat(page.textContent("#estimate-throughput")).isNotEqualTo("—");
            assertThat(page.textContent("#estimate-ttft")).endsWith("ms");
            // cost: the rate of H100 split by /pricing/tco, per replica, over the estimate's output tokens per replica
            JsonNode rates = readJson(page, "/app/api/pricing/rates");
            double rate = 0;
            for (JsonNode r : rates) {
                if (r.get("acceleratorId").asText().equals("H100")) {
                    rate = r.get("usdPerGpuHour").asDouble();
                }
            }
            assertThat(rate).isPositive();
            JsonNode result = estimate.get("result");
            double expected = rate * result.get("gpusPerReplica").asDouble() / 3600
                    / result.get("outputTokensPerSecondPerReplica").asDouble() * 1e6;
            double total = Double.parseDouble(page.getAttribute("#estimate-cost-breakdown tr[data-tokens=output] td:last-child", "data-value"));
            assertThat(total).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
            double parts = page.locator("#estimate-cost-breakdown tr[data-tokens=output] td[data-part][data-value]").all().stream()
                    .mapToDouble(cell -> Double.parseDouble(cell.getAttribute("data-value"))).sum();
            assertThat(parts).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-5));
            List<?> bars = (List<?>) page.evaluate("() => window.tokenomicsCharts.estimateCostSplit.getOption().series.flatMap(s => s.data)");
            assertThat(bars.stream().mapToDouble(v -> ((Number) v).doubleValue()).sum()).isCloseTo(total, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(page.textContent("#estimate-cost-output")).startsWith("$");
            assertThat(page.textContent("#estimate-cost-missing")).contains("input-token cost");
            assertThat(posts).as("an estimate creates no job").isEmpty();
            page.locator("#estimate-result").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                    .setPath(Chromium.SCREENSHOTS.resolve("scenario-estimate.png")));
            shot(page, "scenario-estimate-page.png");
        }
    }

    private static JsonNode readJson(Page page, String path) {
        try {
            return JSON.readTree((String) page.evaluate("p => fetch(p, { headers: { Accept: 'application/json' } }).then(r => r.text())", path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aLongRunShowsLiveProgressOverServerSentEventsAndCanBeCancelled() {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#scenario input[name='requestCount']");
            page.fill("input[name='name']", "Browser: long run to cancel");
            page.selectOption("select[name='acceleratorId']", "H100");
            // acme's pro plan allows 10 million requests: long enough to watch and cancel
            page.fill("input[name='requestCount']", "5000000");
            page.fill("input[name='workload.arrivalRate']", "10");
            page.click("#run-simulation");
            page.waitForSelector("#run-progress");
            page.waitForSelector("#cancel:not([disabled])");
            String id = page.url().replaceAll(".*#/simulations/", "");
            assertThat(page.textContent("#job-status")).isIn("QUEUED", "RUNNING");
            page.waitForFunction("id => (window.tokenomicsStreams[id] || []).length > 0", id);
            shot(page, "simulation-running.png");
            page.click("#cancel");
            page.waitForSelector("#job-status:text('CANCELLED')", new Page.WaitForSelectorOptions().setTimeout(30_000));
            // the stream delivered progress and then the terminal 'cancelled' event, which ended it
            page.waitForFunction("id => (window.tokenomicsStreams[id] || []).some(e => e.event === 'cancelled')", id);
            @SuppressWarnings("unchecked")
            List<String> events = (List<String>) page.evaluate("id => window.tokenomicsStreams[id].map(e => e.event)", id);
            assertThat(events.get(0)).isEqualTo("progress");
            assertThat(events).last().isEqualTo("cancelled");
            page.waitForSelector("#run-status:has-text('cancelled by')");
            assertThat(page.locator("#export-csv").count()).isZero();
            shot(page, "simulation-cancelled.png");
        }
    }

    @Test
    void aSweepTurnsSpeculativeDecodingOffAndOnAsAGridDimension() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            List<Request> posts = new ArrayList<>();
            page.onRequest(r -> {
                if (r.method().equals("POST") && r.url().endsWith("/app/api/sweeps")) {
                    posts.add(r);
                }
            });
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/sweeps/new");
            page.waitForSelector("#sweep input[name='grid.draftTokens']");
            page.fill("input[name='name']", "Browser sweep: speculation off / on");
            page.fill("input[name='scenario.requestCount']", "200");
            page.fill("input[name='grid.maxBatchSequences']", "");
            page.fill("input[name='grid.arrivalRate']", "1");
            page.fill("input[name='grid.draftTokens']", "0, 4");
            assertThat(page.textContent("#sweep-point-count")).isEqualTo("2");
            // draft tokens without the scenario's speculation: named next to the grid field, nothing sent
            page.click("#run-sweep");
            page.waitForSelector("[data-error-for='grid.draftTokens']:not(:empty)");
            assertThat(page.textContent("[data-error-for='grid.draftTokens']")).contains("give scenario.speculation");
            assertThat(posts).isEmpty();

            page.click("#sweep-speculation summary");
            page.fill("input[name='scenario.speculation.draftTokens']", "4");
            page.fill("input[name='scenario.speculation.acceptance']", "0.7");
            page.selectOption("select[name='scenario.speculation.drafter']", "mtp");
            page.click("#run-sweep");
            page.waitForURL(url -> url.matches(".*#/sweeps/[^/]+$") && !url.endsWith("/new"));
            page.waitForSelector("#sweep-state:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(180_000));
            assertThat(posts).hasSize(1);
            JsonNode sent = JSON.readTree(posts.get(0).postData());
            assertThat(sent.at("/grid/draftTokens")).isEqualTo(JSON.readTree("[0, 4]"));
            assertThat(sent.at("/scenario/speculation")).isEqualTo(JSON.readTree("""
                    {"draftTokens": 4, "acceptance": 0.7, "drafter": "mtp"}"""));
            assertThat(page.locator("#sweep-points tbody tr").count()).isEqualTo(2);
            assertThat(page.textContent("#sweep-points")).contains("draftTokens=0", "draftTokens=4");
        }
    }

    @Test
    void aSmallSweepStreamsProgressDrawsItsParetoChartAndTwoPointsCompareSideBySide() throws Exception {
        try (BrowserContext acme = context()) {
            Page page = Chromium.logIn(acme, "acme-analyst");
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/sweeps/new");
            page.waitForSelector("#sweep input[name='grid.arrivalRate']");
            page.fill("input[name='name']", "Browser sweep: batch x load");
            page.selectOption("select[name='scenario.acceleratorId']", "H100");
            page.fill("input[name='grid.maxBatchSequences']", "8, 128");
            page.fill("input[name='grid.arrivalRate']", "1, x");
            page.click("#run-sweep");
            page.waitForSelector("[data-error-for='grid.arrivalRate']:not(:empty)");
            assertThat(page.textContent("[data-error-for='grid.arrivalRate']")).contains("value 2 (x): must be a number");
            page.fill("input[name='grid.arrivalRate']", "1, 8");
            assertThat(page.textContent("#sweep-point-count")).isEqualTo("4");
            shot(page, "sweep-builder.png");
            page.click("#run-sweep");
            page.waitForURL(url -> url.matches(".*#/sweeps/[^/]+$") && !url.endsWith("/new"));
            String id = page.url().replaceAll(".*#/sweeps/", "");
            page.waitForSelector("#sweep-state:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(180_000));
            page.waitForFunction("() => window.tokenomicsCharts.pareto !== undefined");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> series = (List<Map<String, Object>>) page.evaluate(
                    "() => window.tokenomicsCharts.pareto.getOption().series.map(s => ({ name: s.name, data: s.data }))");
            assertThat(series.get(0).get("name")).isEqualTo("configurations");
            assertThat((List<?>) series.get(0).get("data")).hasSize(4);
            List<?> frontier = (List<?>) series.get(1).get("data");
            assertThat(frontier).isNotEmpty();
            // along the frontier, more throughput per GPU costs interactivity: x rises, y does not
            for (int i = 1; i < frontier.size(); i++) {
                List<?> prev = (List<?>) frontier.get(i - 1);
                List<?> next = (List<?>) frontier.get(i);
                assertThat(((Number) next.get(0)).doubleValue()).isGreaterThanOrEqualTo(((Number) prev.get(0)).doubleValue());
                assertThat(((Number) next.get(1)).doubleValue()).isLessThanOrEqualTo(((Number) prev.get(1)).doubleValue());
            }
            assertThat(page.locator("#sweep-points tbody tr").count()).isEqualTo(4);
            assertThat(page.locator("#sweep-points tbody tr.pareto").count()).isEqualTo(frontier.size());
            shot(page, "sweep-pareto.png");
            Download csv = page.waitForDownload(() -> page.click("#export-sweep-csv"));
            assertThat(Files.readString(csv.path()).lines().count()).isGreaterThanOrEqualTo(5);

            // compare two of its points: tick them, see the table and the chart side by side
            List<String> pointIds = page.locator("#sweep-points tbody input[name=compare]:not([disabled])").all().stream()
                    .map(box -> box.getAttribute("value")).limit(2).toList();
            assertThat(pointIds).hasSize(2);
            assertThat(page.isDisabled("#compare-selected")).isTrue();
            for (String pointId : pointIds) {
                page.check("#sweep-points input[value='" + pointId + "']");
            }
            assertThat(page.isDisabled("#compare-selected")).isFalse();
            page.click("#compare-selected");
            page.waitForSelector("#compare-table");
            assertThat(page.locator("#compare-table thead th[data-id]").count()).isEqualTo(2);
            assertThat(page.textContent("#compare-table")).contains("Output tokens/s per GPU", "TTFT p50 / p99", "Cost per M output tokens",
                    "Quote: per M output tokens", "Quote: per M input tokens",
                    "Quote: capital / energy / opex / rental per M output", "Quote: capital / energy / opex / rental per M input");
            // every compared point has its quote's $/M output tokens
            assertThat(page.locator("#compare-table tr:has(th:text-is('Quote: per M output tokens')) td").allTextContents())
                    .hasSize(2).allMatch(text -> text.startsWith("$"));
            // and the output and input splits of each point's quote, exactly pricing-service's parts (formatting only),
            // summing to the quote's totals
            for (int i = 0; i < pointIds.size(); i++) {
                JsonNode pointQuote = readJson(page, "/app/api/pricing/quotes?simulationId=" + pointIds.get(i)).get(0);
                for (String[] split : List.of(new String[] {"output", "perMillionOutputTokensSplit", "perMillionOutputTokens"},
                        new String[] {"input", "perMillionInputTokensSplit", "perMillionInputTokens"})) {
                    JsonNode expected = pointQuote.at("/result/" + split[1]);
                    assertThat(expected.isObject()).as(split[0] + " split of the quote of point " + pointIds.get(i)).isTrue();
                    var cell = page.locator("#compare-table tr:has(th:text-is('Quote: capital / energy / opex / rental per M "
                            + split[0] + "')) td").nth(i);
                    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
                    for (String part : List.of("capital", "energy", "opex", "rental")) {
                        java.math.BigDecimal shown = new java.math.BigDecimal(cell.locator("[data-split=" + split[1]
                                + "] [data-part=" + part + "]").getAttribute("data-value"));
                        assertThat(shown).as(split[0] + " " + part).isEqualByComparingTo(expected.get(part).decimalValue());
                        sum = sum.add(shown);
                    }
                    assertThat(sum).as(split[0] + " parts sum to the total")
                            .isEqualByComparingTo(pointQuote.at("/result/" + split[2]).decimalValue());
                    assertThat(cell.textContent()).startsWith("$").contains(" / ");
                }
            }
            page.waitForFunction("() => window.tokenomicsCharts.compare !== undefined");
            List<?> perGpu = (List<?>) page.evaluate("() => window.tokenomicsCharts.compare.getOption().series[0].data");
            assertThat(perGpu).hasSize(2).allMatch(v -> ((Number) v).doubleValue() > 0);
            assertThat(page.url()).contains("#/compare?ids=" + pointIds.get(0));
            shot(page, "compare.png");

            // another tenant: the sweep's URL is "not found"
            try (BrowserContext globex = context()) {
                Page other = Chromium.logIn(globex, "globex-analyst");
                other.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/sweeps/" + id);
                other.reload();
                other.waitForSelector("#not-found");
                assertThat(other.textContent("#not-found")).contains("Not found");
            }
        }
    }

    @Test
    void aServerRefusalIsShownNextToTheFieldItNames() {
        // globex is on the free plan: at most 100 000 requests per simulation, which only the server knows
        try (BrowserContext globex = context()) {
            Page page = Chromium.logIn(globex, "globex-analyst");
            List<Request> posts = scenarioPosts(page);
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#scenario input[name='requestCount']");
            page.fill("input[name='requestCount']", "200000");
            page.click("#run-simulation");
            page.waitForSelector("[data-error-for='requestCount']:not(:empty)");
            assertThat(posts).hasSize(1);
            assertThat(page.getAttribute("input[name='requestCount']", "aria-invalid")).isEqualTo("true");
            assertThat(page.getAttribute("#submit-status .problem", "data-status")).isEqualTo("422");
            assertThat(page.textContent("[data-error-for='requestCount']")).isNotBlank();
            shot(page, "scenario-server-problem.png");
        }
    }

    @Test
    void onAPhoneTheBuilderAndTheResultFitTheScreenAndTheFormIsKeyboardReachable() {
        try (BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true).setDeviceScaleFactor(2))) {
            Page page = Chromium.logIn(phone, "acme-analyst");
            page.navigate(PlatformUnderTest.gatewayUrl() + "/app/#/simulate");
            page.waitForSelector("#scenario input[name='requestCount']");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling on a phone").isTrue();
            // keyboard only: from the name field, Tab reaches every input and then the run button
            page.focus("input[name='name']");
            List<String> reached = new ArrayList<>();
            for (int i = 0; i < 30 && !"run-simulation".equals(reached.isEmpty() ? null : reached.get(reached.size() - 1)); i++) {
                page.keyboard().press("Tab");
                reached.add((String) page.evaluate("() => document.activeElement.name || document.activeElement.id"));
            }
            assertThat(reached).contains("modelId", "parallelism.tensor", "workload.arrivalRate", "slo.tpotSeconds", "seed")
                    .last().isEqualTo("run-simulation");
            page.fill("input[name='name']", "Phone run");
            page.fill("input[name='requestCount']", "300");
            page.keyboard().press("Enter");
            page.waitForSelector("#job-status:text('COMPLETED')", new Page.WaitForSelectorOptions().setTimeout(120_000));
            page.waitForSelector("#latency-table");
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("the result fits too (wide tables scroll inside their box)").isTrue();
            shot(page, "phone-result.png");
        }
    }
}
