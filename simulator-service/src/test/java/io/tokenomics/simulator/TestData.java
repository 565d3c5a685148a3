package io.tokenomics.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tokenomics.simulator.client.CatalogClient;
import jakarta.ws.rs.WebApplicationException;

import java.util.HashMap;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

/** Catalog entries as catalog-service serves them (figures from its seed), and scenario bodies. */
public final class TestData {
    /** What the gateway sends for a plan with room for every test's jobs. */
    public static final String UNLIMITED_PLAN = "enterprise; jobs=100000; requests=1000000000; sweep-points=10000";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String H100 = """
            {"id":"H100","kind":"accelerator","visibility":"public","revision":2,"vendor":"NVIDIA",
             "name":"NVIDIA H100 SXM 80GB","status":"GA","memoryGb":80,"memoryType":"HBM3","memoryBandwidthTbps":3.35,
             "bf16DenseTflops":989,"fp8DenseTflops":1979,"int8DenseTops":1979,"mamfBf16Tflops":794.5,
             "mamfFp8Tflops":1402.6,"scaleUpInterconnect":"NVLink 4 (18 links)","scaleUpBandwidthGBpsPerDirection":450,
             "tdpWatts":700}""";
    public static final String LLAMA_8B = """
            {"id":"llama-3.1-8b","kind":"model","visibility":"public","revision":3,"name":"Llama 3.1 8B",
             "vendor":"meta-llama","availability":"OPEN_WEIGHTS","layers":32,"hiddenSize":4096,"attention":"GQA",
             "heads":32,"kvHeads":8,"headDim":128,"ffnSize":14336,"vocabSize":128256,"tiedEmbeddings":false,
             "maxContext":131072,"totalParameters":8030261248}""";
    public static final String LLAMA_70B = """
            {"id":"llama-3.1-70b","kind":"model","visibility":"public","revision":1,"name":"Llama 3.1 70B",
             "vendor":"meta-llama","availability":"OPEN_WEIGHTS","layers":80,"hiddenSize":8192,"attention":"GQA",
             "heads":64,"kvHeads":8,"headDim":128,"ffnSize":28672,"vocabSize":128256,"tiedEmbeddings":false,
             "maxContext":131072}""";
    /** A model with another tokenizer (32,000-token vocabulary) than the Llama 3.1 family. */
    public static final String MISTRAL_7B = """
            {"id":"mistral-7b","kind":"model","visibility":"public","revision":1,"name":"Mistral 7B",
             "vendor":"mistralai","availability":"OPEN_WEIGHTS","layers":32,"hiddenSize":4096,"attention":"GQA",
             "heads":32,"kvHeads":8,"headDim":128,"ffnSize":14336,"vocabSize":32000,"tiedEmbeddings":false,
             "maxContext":32768}""";
    public static final String GPT_4O = """
            {"id":"gpt-4o","kind":"model","visibility":"public","revision":1,"name":"GPT-4o","vendor":"OpenAI",
             "availability":"API_ONLY"}""";

    private TestData() {
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The mocked catalog: H100, Llama 3.1 8B (revisions 1-3, revision 2 readable), 70B, Mistral 7B, GPT-4o; anything
     * else 404.
     */
    public static void stubCatalog(CatalogClient catalog) {
        when(catalog.entry(anyString(), anyString(), anyString()))
                .thenAnswer(i -> Uni.createFrom().failure(new WebApplicationException(404)));
        when(catalog.revision(anyString(), anyString(), anyInt(), anyString()))
                .thenAnswer(i -> Uni.createFrom().failure(new WebApplicationException(404)));
        when(catalog.entry(eq("accelerators"), eq("H100"), anyString())).thenAnswer(i -> Uni.createFrom().item(json(H100)));
        when(catalog.entry(eq("models"), eq("llama-3.1-8b"), anyString())).thenAnswer(i -> Uni.createFrom().item(json(LLAMA_8B)));
        when(catalog.entry(eq("models"), eq("llama-3.1-70b"), anyString())).thenAnswer(i -> Uni.createFrom().item(json(LLAMA_70B)));
        when(catalog.entry(eq("models"), eq("mistral-7b"), anyString())).thenAnswer(i -> Uni.createFrom().item(json(MISTRAL_7B)));
        when(catalog.entry(eq("models"), eq("gpt-4o"), anyString())).thenAnswer(i -> Uni.createFrom().item(json(GPT_4O)));
        when(catalog.revision(eq("models"), eq("llama-3.1-8b"), eq(2), anyString())).thenAnswer(i -> {
            ObjectNode document = json(LLAMA_8B);
            document.remove(java.util.List.of("id", "kind", "visibility", "revision", "totalParameters"));
            ObjectNode revision = json("{\"id\":\"llama-3.1-8b\",\"kind\":\"model\",\"revision\":2,\"change\":\"revised\"}");
            revision.set("document", document);
            return Uni.createFrom().item(revision);
        });
        when(catalog.accelerator(any(), anyString())).thenAnswer(i -> Uni.createFrom().failure(new WebApplicationException(404)));
    }

    /** A scenario-form body: Llama 3.1 8B on one H100 at {@code arrivalRate} requests per second. */
    public static Map<String, Object> scenario(String name, String modelId, double arrivalRate) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("modelId", modelId);
        body.put("acceleratorId", "H100");
        body.put("quantization", "FP8");
        body.put("parallelism", Map.of("tensor", 1));
        body.put("replicas", 1);
        body.put("batch", Map.of("maxBatchSequences", 128, "maxBatchTokens", 8192));
        body.put("workload", Map.of("arrivalRate", arrivalRate, "inputTokens", 1024, "outputTokens", 256));
        body.put("slo", Map.of("ttftSeconds", 2.0, "tpotSeconds", 0.05));
        body.put("requestCount", 1000);
        body.put("seed", 7);
        return body;
    }
}
