package io.tokenomics.simulator.engine.model;

import java.util.Locale;

/**
 * A number format for weights, activations or the KV cache, with its storage cost including block-scale overhead
 * (FP4 stores one FP8 scale per 16 values, INT4 one BF16 scale per 128 values).
 */
public enum Precision {
    FP32(32.0), BF16(16.0), FP16(16.0), FP8(8.0), INT8(8.0), FP4(4.5), INT4(4.125);

    private final double bitsPerValue;

    Precision(double bitsPerValue) {
        this.bitsPerValue = bitsPerValue;
    }

    public double bytesPerValue() {
        return bitsPerValue / 8.0;
    }

    public double bitsPerValue() {
        return bitsPerValue;
    }

    /** Accepts the spellings of the data files: BF16, FP8, FP4, NVFP4, MXFP4, INT8, INT4, FP16, FP32. */
    public static Precision parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        return switch (t) {
            case "NVFP4", "MXFP4", "FP4" -> FP4;
            case "BFLOAT16" -> BF16;
            default -> Precision.valueOf(t);
        };
    }
}
