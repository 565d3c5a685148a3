package io.tokenomics.simulator.engine.workload;

import java.util.random.RandomGenerator;

/** Samplers the JDK's {@link RandomGenerator} lacks. */
final class Distributions {
    private Distributions() {
    }

    /** Gamma(shape, scale 1) by Marsaglia and Tsang (2000); shape < 1 via the boost u^(1/shape). */
    static double gamma(RandomGenerator rng, double shape) {
        if (shape < 1) {
            double u = rng.nextDouble();
            return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rng.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rng.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
