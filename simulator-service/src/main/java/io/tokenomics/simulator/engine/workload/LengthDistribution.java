package io.tokenomics.simulator.engine.workload;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/** Token counts of prompts or outputs: positive integers drawn with the run's random generator. */
public sealed interface LengthDistribution {
    int sample(RandomGenerator rng);

    /** Mean of the distribution (used for capacity estimates, not for sampling). */
    double mean();

    record Fixed(int tokens) implements LengthDistribution {
        public Fixed {
            if (tokens <= 0) {
                throw new IllegalArgumentException("fixed length must be positive");
            }
        }

        @Override
        public int sample(RandomGenerator rng) {
            return tokens;
        }

        @Override
        public double mean() {
            return tokens;
        }
    }

    /** Uniform over [min, max] inclusive. */
    record Uniform(int min, int max) implements LengthDistribution {
        public Uniform {
            if (min <= 0 || max < min) {
                throw new IllegalArgumentException("uniform length needs 0 < min <= max");
            }
        }

        @Override
        public int sample(RandomGenerator rng) {
            return min == max ? min : min + rng.nextInt(max - min + 1);
        }

        @Override
        public double mean() {
            return (min + max) / 2.0;
        }
    }

    /** Normal, rounded and clipped to [min, max]. */
    record Normal(double mean, double stddev, int min, int max) implements LengthDistribution {
        public Normal {
            if (stddev < 0 || min <= 0 || max < min) {
                throw new IllegalArgumentException("normal length needs stddev >= 0 and 0 < min <= max");
            }
        }

        @Override
        public int sample(RandomGenerator rng) {
            return clip(Math.round(mean + stddev * rng.nextGaussian()), min, max);
        }
    }

    /**
     * Log-normal with the given median and shape sigma (standard deviation of the log), rounded and clipped to
     * [min, max]; its mean is {@code median x exp(sigma^2 / 2)} before clipping.
     */
    record LogNormal(double median, double sigma, int min, int max) implements LengthDistribution {
        public LogNormal {
            if (!(median > 0) || sigma < 0 || min <= 0 || max < min) {
                throw new IllegalArgumentException("lognormal length needs median > 0, sigma >= 0, 0 < min <= max");
            }
        }

        @Override
        public int sample(RandomGenerator rng) {
            return clip(Math.round(median * Math.exp(sigma * rng.nextGaussian())), min, max);
        }

        @Override
        public double mean() {
            return median * Math.exp(sigma * sigma / 2);
        }
    }

    /** An empirical histogram: {@code values[i]} with relative weight {@code weights[i]}. */
    record Empirical(int[] values, double[] weights) implements LengthDistribution {
        public Empirical {
            if (values.length == 0 || values.length != weights.length) {
                throw new IllegalArgumentException("empirical length needs as many weights as values");
            }
            double total = 0;
            for (int i = 0; i < values.length; i++) {
                if (values[i] <= 0 || !(weights[i] >= 0)) {
                    throw new IllegalArgumentException("empirical values must be positive, weights non-negative");
                }
                total += weights[i];
            }
            if (!(total > 0)) {
                throw new IllegalArgumentException("empirical weights must not all be zero");
            }
            values = values.clone();
            weights = cumulative(weights, total);
        }

        private static double[] cumulative(double[] w, double total) {
            double[] c = new double[w.length];
            double s = 0;
            for (int i = 0; i < w.length; i++) {
                s += w[i];
                c[i] = s / total;
            }
            c[w.length - 1] = 1.0;
            return c;
        }

        @Override
        public int sample(RandomGenerator rng) {
            double u = rng.nextDouble();
            int i = Arrays.binarySearch(weights, u);
            if (i < 0) {
                i = -i - 1;
            }
            return values[Math.min(i, values.length - 1)];
        }

        @Override
        public double mean() {
            double m = 0;
            double prev = 0;
            for (int i = 0; i < values.length; i++) {
                m += values[i] * (weights[i] - prev);
                prev = weights[i];
            }
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Empirical e && Arrays.equals(values, e.values) && Arrays.equals(weights, e.weights);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(weights);
        }

        @Override
        public String toString() {
            return "Empirical" + Arrays.toString(values);
        }
    }

    private static int clip(long v, int min, int max) {
        return (int) Math.max(min, Math.min(max, v));
    }
}
