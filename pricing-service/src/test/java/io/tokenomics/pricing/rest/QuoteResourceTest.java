package io.tokenomics.pricing.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventCodec;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.devstack.testing.TestTokens;
import io.tokenomics.pricing.domain.Quote;
import io.tokenomics.pricing.repository.QuoteRepository;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.DECIMALS;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.admin;
import static io.tokenomics.pricing.rest.PriceBookResourceTest.createBook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** simulation.completed events through the real broker become quotes, read back through the REST API. */
@QuarkusTest
class QuoteResourceTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** The own-hardware H100 of TcoCalculatorTest: 1.3682297 USD per GPU-hour, 700 W x 80 % x PUE 1.2. */
    static final String OWN_H100 = """
            {"name": "own H100", "makeDefault": true, "terms": {"currency": "USD",
              "workload": {"inputTokensPerRequest": 8000, "outputTokensPerRequest": 1000},
              "accelerators": [{"acceleratorId": "H100", "tco": {"path": "OWN", "systemPriceUsd": 240000,
                "gpusPerSystem": 8, "amortizationYears": 4, "costOfCapitalPercent": 0, "facilityCapexUsdPerMw": 10000000,
                "maintenancePercentPerYear": 5, "opexUsdPerMwYear": 1000000, "wattsPerGpu": 700,
                "utilizationPercent": 80, "pue": 1.2, "usdPerKwh": 0.091}}]}}""";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    QuoteRepository repository;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void aTenantWithoutABookIsQuotedWithThePublicDefaultAndOnlyItSeesTheQuote() {
        String sim = "sim-" + UUID.randomUUID();
        publish(completed(sim, "stark", "H100", 2, 123.4));

        String id = awaitQuote("stark", sim);
        given().config(DECIMALS).auth().oauth2(TestTokens.user("stark", "viewer"))
                .when().get("/api/pricing/quotes/{id}", id)
                .then().statusCode(200)
                .body("priceBookId", equalTo(PriceBookResourceTest.PUBLIC_DEFAULT))
                .body("priceBookRevision", equalTo(1))
                .body("origin", equalTo("event"))
                .body("figures.acceleratorCount", equalTo(2))
                // 2 USD/h x 2 / (123.4 x 3600) x 1e6
                .body("result.perMillionOutputTokens", equalTo(new BigDecimal("9.004142")))
                .body("result.perMillionOutputTokensSplit.rental", equalTo(new BigDecimal("9.004142")))
                .body("result.rateBasis", equalTo("price-book"))
                .body("result.attribution", equalTo("decode-only"))
                .body("result.perMillionInputTokens", nullValue())
                // 700 W x 2 / 123.4 tok/s at PUE 1 = 11.3452188 J per output token
                .body("result.joulesPerOutputToken", equalTo(new BigDecimal("11.345219")));

        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/pricing/quotes/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.user("globex", "viewer")).queryParam("simulationId", sim)
                .when().get("/api/pricing/quotes").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(TestTokens.user("globex", "viewer", "analyst")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/pricing/quotes/{id}/recompute", id).then().statusCode(404);
    }

    @Test
    void aQuoteStaysPinnedToItsRevisionAndARecomputeIsANewQuote() {
        String book = createBook("wayne", OWN_H100);
        String sim = "sim-" + UUID.randomUUID();
        publish(completed(sim, "wayne", "H100", 4, 1000));
        String first = awaitQuote("wayne", sim);

        // 1.3682297 USD/h x 4 / 3600 / 1000 tok/s x 1e6 = 1.520255; capital part 1.173262; 2.688 J per token
        given().config(DECIMALS).auth().oauth2(TestTokens.user("wayne", "viewer"))
                .when().get("/api/pricing/quotes/{id}", first)
                .then().statusCode(200)
                .body("priceBookId", equalTo(book)).body("priceBookRevision", equalTo(1))
                .body("result.perMillionOutputTokens", equalTo(new BigDecimal("1.520255")))
                .body("result.perMillionOutputTokensSplit.capital", equalTo(new BigDecimal("1.173262")))
                .body("result.gpuHour.total", equalTo(new BigDecimal("1.368230")))
                .body("result.joulesPerOutputToken", equalTo(new BigDecimal("2.688000")));

        // the quote scores a self-hosted configuration: output cost only (the quote has no input cost)
        String scores = """
                {"inputWeightPercent": 0, "models": [{"name": "own H100", "quality": 82.0, "quoteId": "%s"},
                  {"name": "Llama 3 70B on Groq", "quality": 82.0, "usdPerMillionInputTokens": 0.59, "usdPerMillionOutputTokens": 0.79}]}
                """.formatted(first);
        // 82 / 1.520255 = 53.938 -> 53.9; 82 / 0.79 = 103.797 -> 103.8
        given().config(DECIMALS).auth().oauth2(TestTokens.user("wayne", "viewer")).contentType(ContentType.JSON)
                .body(scores).when().post("/api/pricing/efficiency-scores")
                .then().statusCode(200)
                .body("score", equalTo(java.util.List.of(new BigDecimal("53.9"), new BigDecimal("103.8"))))
                .body("[0].source", containsString(first));
        given().auth().oauth2(TestTokens.user("wayne", "viewer")).contentType(ContentType.JSON)
                .body(scores.replace("\"inputWeightPercent\": 0", "\"inputWeightPercent\": 100"))
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("models[0].quoteId"));
        given().auth().oauth2(TestTokens.user("globex", "viewer")).contentType(ContentType.JSON).body(scores)
                .when().post("/api/pricing/efficiency-scores")
                .then().statusCode(400).body("errors[0].field", equalTo("models[0].quoteId"))
                .body("errors[0].message", containsString("no quote"));

        // revision 2 rents the H100 at 2 USD/h instead
        given().auth().oauth2(admin("wayne")).contentType(ContentType.JSON)
                .body(PriceBookResourceTest.rentBook("own H100", "2.00"))
                .when().put("/api/pricing/price-books/{id}", book).then().statusCode(200).body("currentRevision", equalTo(2));

        given().config(DECIMALS).auth().oauth2(TestTokens.user("wayne", "viewer"))
                .when().get("/api/pricing/quotes/{id}", first)
                .then().statusCode(200).body("priceBookRevision", equalTo(1))
                .body("result.perMillionOutputTokens", equalTo(new BigDecimal("1.520255")));

        // viewers may not recompute; analysts may: 2 x 4 / 3600 / 1000 x 1e6 = 2.222222 with revision 2
        given().auth().oauth2(TestTokens.user("wayne", "viewer")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/pricing/quotes/{id}/recompute", first).then().statusCode(403);
        String second = given().config(DECIMALS).auth().oauth2(TestTokens.user("wayne", "viewer", "analyst"))
                .contentType(ContentType.JSON).body("{}")
                .when().post("/api/pricing/quotes/{id}/recompute", first)
                .then().statusCode(200)
                .body("id", not(equalTo(first)))
                .body("origin", equalTo("recompute"))
                .body("priceBookRevision", equalTo(2))
                .body("result.perMillionOutputTokens", equalTo(new BigDecimal("2.222222")))
                .extract().path("id");
        // the same revision again returns the same quote
        given().auth().oauth2(TestTokens.user("wayne", "viewer", "analyst")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/pricing/quotes/{id}/recompute", first)
                .then().statusCode(200).body("id", equalTo(second));
        // the CSV lists both, newest first
        String csv = given().auth().oauth2(TestTokens.user("wayne", "viewer")).accept("text/csv")
                .queryParam("simulationId", sim).when().get("/api/pricing/quotes")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.strip().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("\"id\",\"simulationId\",\"origin\"");
        assertThat(csv).contains("2.222222").contains("1.520255");
    }

    @Test
    void perPhaseFiguresOfTheEventSplitInputAndOutputCost() throws Throwable {
        // the public default book: H100 rented at 2 USD/h, PUE 1, 8k in / 1k out. Prefill 100,000 tokens in 10 s of
        // prefill-busy time = 10,000 tok/s; decode 5,000 tokens in 50 s = 100 tok/s.
        String sim = "sim-" + UUID.randomUUID();
        publish(CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, sim, "tyrell",
                new SimulationCompleted(sim, "H100", 1, 0.01, 100, "discrete-event.v1", 90.0, 110.0, null, 10.0, 50.0,
                        100000.0, 5000.0, 650.0, 0.8)));
        String id = awaitQuote("tyrell", sim);
        given().config(DECIMALS).auth().oauth2(TestTokens.user("tyrell", "viewer"))
                .when().get("/api/pricing/quotes/{id}", id)
                .then().statusCode(200)
                .body("result.attribution", equalTo("per-phase"))
                // 2 / 3600 / 10,000 x 1e6 = 0.0555556; 2 / 3600 / 100 x 1e6 = 5.5555556
                .body("result.perMillionInputTokens", equalTo(new BigDecimal("0.055556")))
                // the input split computed by pricing (the web app only formats it): all of it rental, like the output's
                .body("result.perMillionInputTokensSplit.rental", equalTo(new BigDecimal("0.055556")))
                .body("result.perMillionInputTokensSplit.capital", equalTo(new BigDecimal("0.000000")))
                .body("result.perMillionInputTokensSplit.energy", equalTo(new BigDecimal("0.000000")))
                .body("result.perMillionInputTokensSplit.opex", equalTo(new BigDecimal("0.000000")))
                .body("result.perMillionInputTokensSplit.total", equalTo(new BigDecimal("0.055556")))
                .body("result.perMillionOutputTokens", equalTo(new BigDecimal("5.555556")))
                .body("result.perMillionOutputTokensSplit.rental", equalTo(new BigDecimal("5.555556")))
                // (8000 x 0.0555556 + 1000 x 5.5555556) / 9000 = 6000 / 9000
                .body("result.perMillionBlendedTokens", equalTo(new BigDecimal("0.666667")))
                // range from 110 and 90 tok/s: 2 / 3600 / 110 x 1e6, 2 / 3600 / 90 x 1e6
                .body("result.perMillionOutputTokensLow", equalTo(new BigDecimal("5.050505")))
                .body("result.perMillionOutputTokensHigh", equalTo(new BigDecimal("6.172840")))
                // useful 80 %: 5.5555556 / 0.8
                .body("result.perMillionUsefulOutputTokens", equalTo(new BigDecimal("6.944444")))
                .body("result.usefulOutputBasis", equalTo("simulation"))
                // 650 W x PUE 1 / 100 tok/s; / 10,000 tok/s
                .body("result.joulesPerOutputToken", equalTo(new BigDecimal("6.500000")))
                .body("result.joulesPerInputToken", equalTo(new BigDecimal("0.065000")))
                .body("result.missing.size()", equalTo(0));

        // a quote stored before the input split was computed (its result JSON has no perMillionInputTokensSplit): its
        // pinned revision (the public default, H100 rented with power included) gives the split again on read
        Quote old = storeTheOldWay("tyrell", id);
        given().config(DECIMALS).auth().oauth2(TestTokens.user("tyrell", "viewer"))
                .when().get("/api/pricing/quotes/{id}", old.id)
                .then().statusCode(200)
                .body("result.perMillionInputTokens", equalTo(new BigDecimal("0.055556")))
                .body("result.perMillionInputTokensSplit.rental", equalTo(new BigDecimal("0.055556")))
                .body("result.perMillionInputTokensSplit.capital", equalTo(new BigDecimal("0.000000")))
                .body("result.perMillionInputTokensSplit.total", equalTo(new BigDecimal("0.055556")));
        assertThat(storedResult("tyrell", old.id).has("perMillionInputTokensSplit")).as("the row is not rewritten").isFalse();
    }

    @Test
    void aQuoteStoredBeforeTheInputSplitGetsItOnReadFromItsPinnedRevisionAndTheCsvShowsIt() throws Throwable {
        String tenant = "cyberdyne";
        String book = createBook(tenant, OWN_H100);
        // QuoteCalculatorTest's figures: 4 GPUs, 40,000 input tokens in 2 s of prefill, 10,000 output tokens in 10 s
        String sim = "sim-" + UUID.randomUUID();
        publish(CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, sim, tenant,
                new SimulationCompleted(sim, "H100", 4, 0.004, 999, "discrete-event.v1", null, null, null, 2.0, 10.0,
                        40000.0, 10000.0, null, 0.8)));
        String id = awaitQuote(tenant, sim);
        Quote old = storeTheOldWay(tenant, id);
        // a later revision of the book must not change what the old quote shows: it is pinned to revision 1
        given().auth().oauth2(admin(tenant)).contentType(ContentType.JSON)
                .body(PriceBookResourceTest.rentBook("own H100", "2.00"))
                .when().put("/api/pricing/price-books/{id}", book).then().statusCode(200).body("currentRevision", equalTo(2));

        // capital 0.058663, energy 0.003398 (the largest remainder), opex 0.013952: QuoteCalculatorTest's split
        for (String quoteId : List.of(id, old.id.toString())) {
            given().config(DECIMALS).auth().oauth2(TestTokens.user(tenant, "viewer"))
                    .when().get("/api/pricing/quotes/{id}", quoteId)
                    .then().statusCode(200)
                    .body("priceBookRevision", equalTo(1))
                    .body("result.perMillionInputTokens", equalTo(new BigDecimal("0.076013")))
                    .body("result.perMillionInputTokensSplit.capital", equalTo(new BigDecimal("0.058663")))
                    .body("result.perMillionInputTokensSplit.energy", equalTo(new BigDecimal("0.003398")))
                    .body("result.perMillionInputTokensSplit.opex", equalTo(new BigDecimal("0.013952")))
                    .body("result.perMillionInputTokensSplit.rental", equalTo(new BigDecimal("0.000000")))
                    .body("result.perMillionInputTokensSplit.total", equalTo(new BigDecimal("0.076013")));
        }
        assertThat(storedResult(tenant, old.id).has("perMillionInputTokensSplit")).as("the row is not rewritten").isFalse();

        // an old quote whose figures no longer reproduce its stored totals (here: a prefill rate edited in the row)
        // cannot be split exactly: the split stays absent rather than guessed
        Quote odd = storeTheOldWay(tenant, id, figures -> figures.replace("\"inputTokens\":40000.0", "\"inputTokens\":30000.0"));
        given().auth().oauth2(TestTokens.user(tenant, "viewer")).when().get("/api/pricing/quotes/{id}", odd.id)
                .then().statusCode(200)
                .body("result.perMillionInputTokens", equalTo(0.076013f))
                .body("result.perMillionInputTokensSplit", nullValue());
        // and another tenant sees none of them
        given().auth().oauth2(TestTokens.user("globex", "viewer")).when().get("/api/pricing/quotes/{id}", old.id)
                .then().statusCode(404);

        // the CSV: one column per part, the parts summing to the totals; the unsplittable quote has empty input cells
        String csv = given().auth().oauth2(TestTokens.user(tenant, "viewer")).accept("text/csv")
                .when().get("/api/pricing/quotes")
                .then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.strip().split("\n");
        assertThat(lines).hasSize(4);
        List<String> header = List.of(lines[0].replace("\"", "").split(","));
        assertThat(header).endsWith("perMillionOutputTokensCapital", "perMillionOutputTokensEnergy",
                "perMillionOutputTokensOpex", "perMillionOutputTokensRental", "perMillionInputTokensCapital",
                "perMillionInputTokensEnergy", "perMillionInputTokensOpex", "perMillionInputTokensRental");
        assertThat(csv).doesNotContain("null");
        int checked = 0;
        for (String line : List.of(lines).subList(1, lines.length)) {
            String[] row = line.split(",", -1);
            assertThat(row).hasSize(header.size());
            String quoteId = row[header.indexOf("id")].replace("\"", "");
            assertThat(partsSum(row, header, "perMillionOutputTokens"))
                    .isEqualByComparingTo(row[header.indexOf("perMillionOutputTokens")]);
            if (quoteId.equals(odd.id.toString())) {
                for (String part : List.of("Capital", "Energy", "Opex", "Rental")) {
                    assertThat(row[header.indexOf("perMillionInputTokens" + part)]).as(part).isEmpty();
                }
            } else {
                assertThat(row[header.indexOf("perMillionInputTokensEnergy")]).isEqualTo("0.003398");
                assertThat(partsSum(row, header, "perMillionInputTokens")).isEqualByComparingTo("0.076013")
                        .isEqualByComparingTo(row[header.indexOf("perMillionInputTokens")]);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(3);
    }

    private static BigDecimal partsSum(String[] row, List<String> header, String prefix) {
        return List.of("Capital", "Energy", "Opex", "Rental").stream()
                .map(p -> new BigDecimal(row[header.indexOf(prefix + p)])).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A copy of the quote as it was stored before the input split existed (no perMillionInputTokensSplit). */
    private Quote storeTheOldWay(String tenant, String quoteId) throws Throwable {
        return storeTheOldWay(tenant, quoteId, figures -> figures);
    }

    private Quote storeTheOldWay(String tenant, String quoteId, java.util.function.UnaryOperator<String> editFigures)
            throws Throwable {
        Quote stored = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.findForTenant(UUID.fromString(quoteId), tenant)));
        com.fasterxml.jackson.databind.node.ObjectNode oldResult = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(stored.resultJson);
        assertThat(oldResult.remove("perMillionInputTokensSplit")).isNotNull();
        Quote old = new Quote();
        old.id = UUID.randomUUID();
        old.tenant = tenant;
        old.simulationId = "sim-" + UUID.randomUUID();
        old.origin = Quote.ORIGIN_RECOMPUTE;
        old.priceBookId = stored.priceBookId;
        old.priceBookRevision = stored.priceBookRevision;
        old.currency = stored.currency;
        old.perMillionOutputTokens = stored.perMillionOutputTokens;
        old.figuresJson = editFigures.apply(stored.figuresJson.replace(stored.simulationId, old.simulationId));
        old.resultJson = oldResult.toString();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                repository.insertIfAbsent(old)))).isEqualTo(1);
        return old;
    }

    private com.fasterxml.jackson.databind.JsonNode storedResult(String tenant, UUID quoteId) throws Throwable {
        Quote row = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.findForTenant(quoteId, tenant)));
        return JSON.readTree(row.resultJson);
    }

    @Test
    void duplicateEventsProduceOneQuote() throws Throwable {
        String sim = "sim-" + UUID.randomUUID();
        CloudEvent<SimulationCompleted> event = completed(sim, "stark", "H100", 1, 100);
        publish(event);
        publish(event);
        publish(completed(sim, "stark", "H100", 1, 400));
        String marker = "sim-" + UUID.randomUUID();
        publish(completed(marker, "stark", "H100", 1, 50));
        awaitQuote("stark", marker); // same partition: everything before the marker has been consumed

        List<Quote> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                repository.list("simulationId", sim)));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().eventId).isEqualTo(event.id());
        // the first event's 100 tok/s: 2 / (100 x 3600) x 1e6
        assertThat(rows.getFirst().perMillionOutputTokens).isEqualByComparingTo("5.555556");
    }

    private String awaitQuote(String tenant, String simulationId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.user(tenant, "viewer")).queryParam("simulationId", simulationId)
                        .when().get("/api/pricing/quotes")
                        .then().statusCode(200).body("size()", equalTo(1)));
        return given().auth().oauth2(TestTokens.user(tenant, "viewer")).queryParam("simulationId", simulationId)
                .when().get("/api/pricing/quotes").then().extract().path("[0].id");
    }

    private static CloudEvent<SimulationCompleted> completed(String simulationId, String tenant, String acceleratorId,
                                                             int count, double outputTokensPerSecond) {
        return CloudEvent.of("/simulator-service", EventTypes.SIMULATION_COMPLETED, simulationId, tenant,
                new SimulationCompleted(simulationId, acceleratorId, count, count / outputTokensPerSecond,
                        outputTokensPerSecond, "skeleton-weight-streaming-bound"));
    }

    private void publish(CloudEvent<?> event) {
        try {
            producer.send(new ProducerRecord<>(Topics.SIMULATION_RESULTS, 0, event.subject(), EventCodec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }
}
