package io.tokenomics.catalog.domain;

/** Number formats of weights, activations and KV cache, with their storage width. */
public enum NumberFormat {
    FP32(32), BF16(16), FP16(16), FP8(8), FP6(6), FP4(4), NVFP4(4), MXFP4(4), INT8(8), INT4(4);

    private final int bits;

    NumberFormat(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Bytes per element, e.g. 2 for BF16, 0.5 for FP4 (block scales not counted). */
    public double bytes() {
        return bits / 8.0;
    }
}
