package io.tokenomics.simulator.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.client.CatalogClient;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import io.tokenomics.simulator.service.DiscreteEventEngine;
import io.tokenomics.simulator.service.EngineScenario;
import io.tokenomics.simulator.service.ResultCharts;
import io.tokenomics.simulator.service.SimulationRunner;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A job's result as the web app charts it, through the real job flow (PostgreSQL, Kafka, worker): timeSeries whose
 * KV average is kvCache.meanFraction and whose queue shows overload, latencyDistribution counting every request,
 * and a sharded job whose series is its shards' merged on one grid.
 */
@QuarkusTest
class ResultChartsFlowTest {
    @InjectMock
    @RestClient
    CatalogClient catalog;
    @Inject
    SimulationJobRepository jobs;
    @Inject
    SimulationRunner runner;
    @Inject
    DiscreteEventEngine engine;

    @BeforeEach
    void catalog() {
        TestData.stubCatalog(catalog);
    }

    /** Numbers as doubles, as written (the default reads small ones as floats). */
    private static JsonPath exact(JsonPath job) {
        return job.using(new io.restassured.path.json.config.JsonPathConfig(
                io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private static List<Double> doubles(JsonPath job, String path) {
        return exact(job).getList(path, Double.class);
    }

    private static double meanOf(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The checks every charted result passes; returns the mean queue length. */
    private static double checkCharts(JsonPath job) {
        List<Double> t = doubles(job, "result.timeSeries.timeSeconds");
        List<Double> queue = doubles(job, "result.timeSeries.queueLength");
        List<Double> kv = doubles(job, "result.timeSeries.kvOccupancy");
        List<Double> running = doubles(job, "result.timeSeries.runningSequences");
        assertThat(t).hasSizeBetween(2, 240);
        assertThat(queue).hasSameSizeAs(t);
        assertThat(kv).hasSameSizeAs(t);
        assertThat(running).hasSameSizeAs(t);
        double duration = exact(job).getDouble("result.durationSeconds");
        double width = duration / t.size();
        for (int i = 0; i < t.size(); i++) {
            assertThat(t.get(i)).isCloseTo(i * width, within(1e-9 * duration));
        }
        assertThat(kv).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
        // equal buckets: the series' time-average is the mean of its values
        assertThat(meanOf(kv)).isCloseTo(exact(job).getDouble("result.kvCache.meanFraction"), within(1e-6));
        assertThat(kv.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                .isLessThanOrEqualTo(exact(job).getDouble("result.kvCache.peakFraction") + 1e-9);
        assertThat(meanOf(running)).isPositive();

        long completed = job.getLong("result.completedRequests");
        for (String metric : List.of("ttft", "tpot", "e2e")) {
            List<Map<String, Object>> buckets = job.getList("result.latencyDistribution." + metric);
            assertThat(buckets).as(metric).hasSizeBetween(1, ResultCharts.LATENCY_BUCKETS);
            long sum = 0;
            double previousUpper = 0;
            for (Map<String, Object> b : buckets) {
                double lower = ((Number) b.get("lowerSeconds")).doubleValue();
                double upper = ((Number) b.get("upperSeconds")).doubleValue();
                assertThat(upper).as(metric).isGreaterThan(lower);
                assertThat(lower).as(metric).isGreaterThanOrEqualTo(previousUpper - 1e-12);
                previousUpper = upper;
                sum += ((Number) b.get("count")).longValue();
            }
            // every request has a TTFT and an E2E; TPOT too (256 output tokens each)
            assertThat(sum).as(metric).isEqualTo(completed);
            assertThat(((Number) buckets.getLast().get("upperSeconds")).doubleValue())
                    .isGreaterThanOrEqualTo(job.getDouble("result.latency." + metric + ".max") - 1e-6);
        }
        return meanOf(queue);
    }

    @Test
    void aJobsResultChartsItsQueueKvAndLatencies() {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> light = TestData.scenario("light", "llama-3.1-8b", 2.0);
        light.put("requestCount", 400);
        Map<String, Object> heavy = TestData.scenario("overloaded", "llama-3.1-8b", 100.0);
        heavy.put("requestCount", 1500);
        heavy.put("batch", Map.of("maxBatchSequences", 32, "maxBatchTokens", 8192));
        String lightId = ScenarioFlowTest.submit(tenant, light).then().statusCode(202).extract().path("id");
        String heavyId = ScenarioFlowTest.submit(tenant, heavy).then().statusCode(202).extract().path("id");

        JsonPath l = ScenarioFlowTest.awaitStatus(tenant, lightId, "COMPLETED");
        JsonPath h = ScenarioFlowTest.awaitStatus(tenant, heavyId, "COMPLETED");
        double lightQueue = checkCharts(l);
        double heavyQueue = checkCharts(h);
        assertThat(h.getBoolean("result.saturated")).isTrue();
        assertThat(heavyQueue).isGreaterThan(10);
        assertThat(lightQueue).isLessThan(0.05);
        // the CSV export: one row per series and per bucket field, values in order separated by ';'
        String csv = io.restassured.RestAssured.given().auth().oauth2(io.tokenomics.devstack.testing.TestTokens.user(
                tenant, "viewer")).get("/api/simulations/" + heavyId + "/result?format=csv").then().statusCode(200)
                .extract().asString();
        Map<String, String> rows = new java.util.HashMap<>();
        for (String line : csv.split("\r\n")) {
            int comma = line.indexOf(',');
            rows.put(line.substring(0, comma), line.substring(comma + 1));
        }
        assertThat(rows.get("timeSeries.queueLength").split(";")).hasSize(doubles(h, "result.timeSeries.timeSeconds").size());
        assertThat(rows).containsKeys("timeSeries.timeSeconds", "timeSeries.kvOccupancy", "timeSeries.runningSequences",
                "latencyDistribution.ttft.lowerSeconds", "latencyDistribution.ttft.upperSeconds",
                "latencyDistribution.e2e.count");
        assertThat(java.util.Arrays.stream(rows.get("latencyDistribution.ttft.count").split(";"))
                .mapToLong(Long::parseLong).sum()).isEqualTo(1500);
        assertThat(doubles(h, "result.timeSeries.runningSequences")).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(32 + 1e-9));
    }

    @Test
    void aShardedJobsSeriesIsItsShardsMergedOnOneGrid() throws Throwable {
        String tenant = ScenarioFlowTest.tenant();
        Map<String, Object> body = TestData.scenario("sharded charts", "llama-3.1-8b", 40.0);
        body.put("replicas", 4);
        body.put("requestCount", 3001);
        body.put("shards", 3);
        String id = ScenarioFlowTest.submit(tenant, body).then().statusCode(202).extract().path("id");
        JsonPath job = ScenarioFlowTest.awaitStatus(tenant, id, "COMPLETED");
        checkCharts(job);

        // the shards computed again here (same seeds: the same runs), merged by the function the worker uses
        SimulationJob stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> jobs.findById(id)));
        EngineScenario whole = runner.engineScenario(stored);
        List<ResultCharts.ShardSeries> shards = new ArrayList<>();
        double queueIntegral = 0;
        double runningIntegral = 0;
        double end = 0;
        for (int i = 0; i < 3; i++) {
            var r = engine.runShard(whole, i, 3).report();
            shards.add(new ResultCharts.ShardSeries(r.simulatedSeconds(), r.replicas(), r.queueLength(),
                    r.kvOccupancy(), r.runningSequences()));
            queueIntegral += integral(r.queueLength(), r.simulatedSeconds());
            runningIntegral += integral(r.runningSequences(), r.simulatedSeconds());
            end = Math.max(end, r.simulatedSeconds());
        }
        ResultCharts.Merged merged = ResultCharts.merge(shards);
        assertThat(exact(job).getDouble("result.durationSeconds")).isEqualTo(end);
        // equal up to the order the worker added the shards in (last-digit rounding)
        assertThat(doubles(job, "result.timeSeries.queueLength")).usingElementComparator(CLOSE)
                .containsExactlyElementsOf(boxed(merged.queueLength().values()));
        assertThat(doubles(job, "result.timeSeries.runningSequences")).usingElementComparator(CLOSE)
                .containsExactlyElementsOf(boxed(merged.runningSequences().values()));
        assertThat(doubles(job, "result.timeSeries.kvOccupancy")).usingElementComparator(CLOSE)
                .containsExactlyElementsOf(boxed(merged.kvOccupancy().values()));
        // summed: the job's series integrates to the shards' integrals together
        assertThat(meanOf(doubles(job, "result.timeSeries.queueLength")) * end)
                .isCloseTo(queueIntegral, within(1e-6 * Math.max(1, queueIntegral)));
        assertThat(meanOf(doubles(job, "result.timeSeries.runningSequences")) * end)
                .isCloseTo(runningIntegral, within(1e-6 * runningIntegral));
        assertThat(job.getLong("result.latencyDistribution.ttft.count.sum()")).isEqualTo(3001);
    }

    private static final java.util.Comparator<Double> CLOSE = (a, b) ->
            Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)) ? 0 : Double.compare(a, b);

    private static double integral(io.tokenomics.simulator.engine.metrics.TimeSeries.Points p, double end) {
        double sum = 0;
        for (int i = 0; i < p.times().length; i++) {
            double until = i + 1 < p.times().length ? p.times()[i + 1] : end;
            sum += p.values()[i] * Math.max(0, until - p.times()[i]);
        }
        return sum;
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
