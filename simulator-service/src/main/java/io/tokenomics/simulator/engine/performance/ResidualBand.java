package io.tokenomics.simulator.engine.performance;

/**
 * The 10th and 90th percentile of relative prediction error {@code predicted / measured - 1} of one operator family,
 * from leave-one-shape-out calibration (or a stated assumption where no measurement exists).
 */
public record ResidualBand(double p10, double p90, boolean measured) {
    public ResidualBand {
        if (!(p10 > -1) || !(p90 > -1) || p10 > p90) {
            throw new IllegalArgumentException("residual band needs -1 < p10 <= p90");
        }
    }

    /** Lowest plausible true time for a prediction (the model over-predicted by p90). */
    public double lowSeconds(double predicted) {
        return predicted / (1 + p90);
    }

    /** Highest plausible true time for a prediction (the model under-predicted by p10). */
    public double highSeconds(double predicted) {
        return predicted / (1 + p10);
    }
}
