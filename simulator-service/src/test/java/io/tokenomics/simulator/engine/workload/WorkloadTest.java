package io.tokenomics.simulator.engine.workload;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WorkloadTest {
    private static double[] gaps(ArrivalProcess p, int n) {
        SplittableRandom rng = new SplittableRandom(1);
        double[] g = new double[n];
        double t = 0;
        for (int i = 0; i < n; i++) {
            double next = p.nextArrival(t, rng);
            g[i] = next - t;
            t = next;
        }
        return g;
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElseThrow();
    }

    private static double cv(double[] x) {
        double m = mean(x);
        double var = Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1);
        return Math.sqrt(var) / m;
    }

    @Test
    void arrivalProcessesHaveTheirRateAndBurstiness() {
        double[] poisson = gaps(new ArrivalProcess.Poisson(10), 200_000);
        assertThat(mean(poisson)).isCloseTo(0.1, within(0.001));
        assertThat(cv(poisson)).isCloseTo(1.0, within(0.01));
        double[] bursty = gaps(new ArrivalProcess.Gamma(10, 3), 200_000);
        assertThat(mean(bursty)).isCloseTo(0.1, within(0.003));
        assertThat(cv(bursty)).isCloseTo(3.0, within(0.1));
        double[] regular = gaps(new ArrivalProcess.Gamma(10, 0.5), 200_000);
        assertThat(cv(regular)).isCloseTo(0.5, within(0.01));
        assertThat(gaps(new ArrivalProcess.ConstantRate(4), 10)).containsOnly(0.25);
    }

    @Test
    void timeVaryingRateCountsMatchEachSegment() {
        ArrivalProcess p = new ArrivalProcess.TimeVarying(List.of(0.0, 100.0, 200.0), List.of(5.0, 50.0, 1.0));
        SplittableRandom rng = new SplittableRandom(3);
        int[] counts = new int[3];
        double t = 0;
        while ((t = p.nextArrival(t, rng)) < 300) {
            counts[t < 100 ? 0 : t < 200 ? 1 : 2]++;
        }
        assertThat(counts[0]).isBetween(430, 570);
        assertThat(counts[1]).isBetween(4800, 5200);
        assertThat(counts[2]).isBetween(70, 130);
    }

    @Test
    void lengthDistributionsHaveTheirShapes() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 100_000;
        int[] logNormal = new int[n];
        var ln = new LengthDistribution.LogNormal(1000, 0.5, 1, 100_000);
        for (int i = 0; i < n; i++) {
            logNormal[i] = ln.sample(rng);
        }
        Arrays.sort(logNormal);
        assertThat(logNormal[n / 2]).isBetween(985, 1015);
        assertThat(Arrays.stream(logNormal).average().orElseThrow()).isCloseTo(ln.mean(), within(10.0));
        var uniform = new LengthDistribution.Uniform(10, 20);
        var normal = new LengthDistribution.Normal(100, 10, 90, 200);
        var empirical = new LengthDistribution.Empirical(new int[]{100, 1000}, new double[]{3, 1});
        int big = 0;
        for (int i = 0; i < n; i++) {
            assertThat(uniform.sample(rng)).isBetween(10, 20);
            assertThat(normal.sample(rng)).isBetween(90, 200);
            if (empirical.sample(rng) == 1000) {
                big++;
            }
        }
        assertThat(big / (double) n).isCloseTo(0.25, within(0.01));
        assertThat(empirical.mean()).isCloseTo(325.0, within(1e-9));
    }

    @Test
    void requestClassesMixByWeightAndShareTheirPrefixGroups() {
        var a = new RequestClass("a", 3, new LengthDistribution.Fixed(500), new LengthDistribution.Fixed(10),
                RequestClass.Slo.NONE, 1, 0, 200, 4);
        var b = RequestClass.of("b", new LengthDistribution.Fixed(100), new LengthDistribution.Fixed(10));
        RequestFactory f = new RequestFactory(List.of(a, b), new SplittableRandom(9));
        int fromA = 0;
        java.util.Set<Long> prefixes = new java.util.HashSet<>();
        for (int i = 0; i < 40_000; i++) {
            Request r = f.create(i, 0);
            if (r.requestClass() == 0) {
                fromA++;
                assertThat(r.prefixTokens()).isEqualTo(200);
                prefixes.add(r.prefixId());
            } else {
                assertThat(r.hasPrefix()).isFalse();
            }
        }
        assertThat(fromA / 40_000.0).isCloseTo(0.75, within(0.01));
        assertThat(prefixes).hasSize(4);
    }
}
