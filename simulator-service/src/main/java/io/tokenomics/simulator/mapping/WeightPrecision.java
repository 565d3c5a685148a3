package io.tokenomics.simulator.mapping;

/** Storage format of the model weights, with its bits per weight. */
public enum WeightPrecision {
    BF16(16), FP16(16), FP8(8), INT8(8), FP4(4), NVFP4(4), INT4(4);

    private final int bits;

    WeightPrecision(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }
}
