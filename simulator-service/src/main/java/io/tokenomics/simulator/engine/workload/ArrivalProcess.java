package io.tokenomics.simulator.engine.workload;

import java.util.List;
import java.util.random.RandomGenerator;

/** Open-loop arrival times: each call gives the next arrival time after {@code now}. */
public sealed interface ArrivalProcess {
    double nextArrival(double now, RandomGenerator rng);

    /** Long-run mean arrival rate (requests per second); infinite for {@link AllAtOnce}. */
    double meanRate();

    /** Memoryless arrivals: exponential gaps with mean 1 / rate. */
    record Poisson(double rate) implements ArrivalProcess {
        public Poisson {
            positive(rate);
        }

        @Override
        public double nextArrival(double now, RandomGenerator rng) {
            return now + rng.nextExponential() / rate;
        }

        @Override
        public double meanRate() {
            return rate;
        }
    }

    /**
     * Renewal process with gamma-distributed gaps of mean 1 / rate and coefficient of variation {@code cv}
     * (cv = 1 is Poisson; above 1 bursty, below 1 more regular).
     */
    record Gamma(double rate, double cv) implements ArrivalProcess {
        public Gamma {
            positive(rate);
            positive(cv);
        }

        @Override
        public double nextArrival(double now, RandomGenerator rng) {
            double shape = 1 / (cv * cv);
            return now + Distributions.gamma(rng, shape) / (shape * rate);
        }

        @Override
        public double meanRate() {
            return rate;
        }
    }

    /** Exactly one request every 1 / rate seconds, the first at 1 / rate. */
    record ConstantRate(double rate) implements ArrivalProcess {
        public ConstantRate {
            positive(rate);
        }

        @Override
        public double nextArrival(double now, RandomGenerator rng) {
            return now + 1 / rate;
        }

        @Override
        public double meanRate() {
            return rate;
        }
    }

    /** Every request at time 0: an offline batch run (all requests queued at once). */
    record AllAtOnce() implements ArrivalProcess {
        @Override
        public double nextArrival(double now, RandomGenerator rng) {
            return now;
        }

        @Override
        public double meanRate() {
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A Poisson process whose rate is piecewise constant: {@code rates[i]} from {@code startTimes[i]} on (the first
     * start must be 0; the last rate holds forever). Exact: a gap crossing a boundary restarts there (memoryless).
     */
    record TimeVarying(List<Double> startTimes, List<Double> rates) implements ArrivalProcess {
        public TimeVarying {
            if (startTimes.isEmpty() || startTimes.size() != rates.size() || startTimes.get(0) != 0.0) {
                throw new IllegalArgumentException("time-varying rate needs segments starting at 0");
            }
            for (int i = 0; i < rates.size(); i++) {
                if (!(rates.get(i) >= 0) || (i > 0 && !(startTimes.get(i) > startTimes.get(i - 1)))) {
                    throw new IllegalArgumentException("segment rates must be >= 0 and starts increasing");
                }
            }
            if (!(rates.get(rates.size() - 1) > 0)) {
                throw new IllegalArgumentException("the last segment's rate must be positive");
            }
            startTimes = List.copyOf(startTimes);
            rates = List.copyOf(rates);
        }

        @Override
        public double nextArrival(double now, RandomGenerator rng) {
            double t = now;
            while (true) {
                int s = segment(t);
                double rate = rates.get(s);
                double end = s + 1 < startTimes.size() ? startTimes.get(s + 1) : Double.POSITIVE_INFINITY;
                if (rate > 0) {
                    double candidate = t + rng.nextExponential() / rate;
                    if (candidate < end) {
                        return candidate;
                    }
                }
                t = end;
            }
        }

        private int segment(double t) {
            int s = 0;
            while (s + 1 < startTimes.size() && startTimes.get(s + 1) <= t) {
                s++;
            }
            return s;
        }

        /** Rate of the last segment (the long-run rate). */
        @Override
        public double meanRate() {
            return rates.get(rates.size() - 1);
        }
    }

    private static void positive(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("rate and cv must be positive and finite");
        }
    }
}
