package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import io.tokenomics.simulator.engine.model.ModelArchitecture;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns catalog-service entries (the JSON stored with a job) into the engine's inputs. Figures the catalog leaves
 * empty become NaN (accelerators) or 0 (optional architecture fields), as the engine's own CSV loaders do.
 */
public final class CatalogMapping {
    private static final Pattern DOMAIN = Pattern.compile("(\\d+)-GPU (domain|mesh)");
    private static final Pattern SLIDING_LAYERS = Pattern.compile("sliding_attention x(\\d+)");
    /** GPUs in one server when the catalog names no larger scale-up domain (the engine's default too). */
    static final int DEFAULT_SCALE_UP_DOMAIN = 8;

    private CatalogMapping() {
    }

    /** @throws InvalidFieldException on {@code modelId} when the entry has no architecture (API-only models) */
    public static ModelArchitecture model(JsonNode m) {
        return model(m, "modelId", "catalog model '" + text(m, "id") + "'");
    }

    /** An entry or inline spec; errors name {@code field} and call the model {@code what}. */
    public static ModelArchitecture model(JsonNode m, String field, String what) {
        String id = text(m, "id");
        if (integer(m, "layers", 0) <= 0 || integer(m, "hiddenSize", 0) <= 0 || integer(m, "heads", 0) <= 0
                || integer(m, "vocabSize", 0) <= 0) {
            throw new InvalidFieldException(field, what + " has no architecture (API-only "
                    + "models cannot be simulated)");
        }
        int hidden = integer(m, "hiddenSize", 0);
        int heads = integer(m, "heads", 0);
        int layers = integer(m, "layers", 0);
        boolean mla = "MLA".equals(text(m, "attention")) || integer(m, "kvLoraRank", 0) > 0;
        int headDim = integer(m, "headDim", mla ? 0 : hidden / heads);
        int window = integer(m, "slidingWindow", 0);
        int slidingLayers = 0;
        if (window > 0) {
            String types = text(m, "layerTypes");
            Matcher s = SLIDING_LAYERS.matcher(types == null ? "" : types);
            slidingLayers = s.find() ? Integer.parseInt(s.group(1)) : layers;
        }
        int experts = integer(m, "routedExperts", 0);
        String name = text(m, "name") == null ? id : text(m, "name");
        try {
            return new ModelArchitecture(name, hidden, layers, heads, integer(m, "kvHeads", heads), headDim,
                    integer(m, "ffnSize", 0), experts > 0 ? integer(m, "expertFfnSize", 0) : 0,
                    integer(m, "vocabSize", 0), experts, integer(m, "sharedExperts", 0),
                    integer(m, "activeExperts", 0), integer(m, "firstDenseLayers", 0),
                    integer(m, "moeLayerInterval", 1), integer(m, "kvLoraRank", 0), integer(m, "qLoraRank", 0),
                    integer(m, "qkNopeHeadDim", 0), integer(m, "qkRopeHeadDim", 0), integer(m, "vHeadDim", 0),
                    window, slidingLayers, m.path("tiedEmbeddings").asBoolean(false));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, what + " cannot be simulated: " + e.getMessage());
        }
    }

    /** @throws InvalidFieldException on {@code acceleratorId} when a figure the engine needs is missing */
    public static AcceleratorSpec accelerator(JsonNode a) {
        return accelerator(a, "acceleratorId", "catalog accelerator '" + text(a, "id") + "'");
    }

    /** An entry or inline spec; errors name {@code field} and call the accelerator {@code what}. */
    public static AcceleratorSpec accelerator(JsonNode a, String field, String what) {
        String id = text(a, "id");
        String interconnect = text(a, "scaleUpInterconnect");
        int domain = integer(a, "scaleUpDomainSize", 0);
        if (domain <= 0) {
            Matcher d = DOMAIN.matcher(interconnect == null ? "" : interconnect);
            domain = d.find() ? Integer.parseInt(d.group(1)) : DEFAULT_SCALE_UP_DOMAIN;
        }
        // one FP4 tensor-core rate per chip: the fp4 figure first, as the engine's AcceleratorCatalog reads the CSV
        double fp4 = number(a, "fp4DenseTflops") > 0 ? number(a, "fp4DenseTflops") : number(a, "nvfp4DenseTflops");
        try {
            return new AcceleratorSpec(id, text(a, "name"), number(a, "bf16DenseTflops") * 1e12,
                    number(a, "fp8DenseTflops") * 1e12, fp4 * 1e12, number(a, "int8DenseTops") * 1e12,
                    number(a, "memoryGb") * (1L << 30), number(a, "memoryBandwidthTbps") * 1e12,
                    number(a, "scaleUpBandwidthGBpsPerDirection") * 1e9, domain, number(a, "tdpWatts"),
                    number(a, "mamfBf16Tflops") * 1e12, number(a, "mamfFp8Tflops") * 1e12);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, what + " cannot be simulated: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int integer(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isNumber() ? fallback : v.asInt();
    }

    private static double number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
