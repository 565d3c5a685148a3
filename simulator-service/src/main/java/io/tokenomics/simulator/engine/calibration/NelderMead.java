package io.tokenomics.simulator.engine.calibration;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/** Derivative-free minimizer (Nelder-Mead simplex with restarts). Deterministic for a given start. */
public final class NelderMead {
    private NelderMead() {
    }

    public static double[] minimize(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations,
                                    int restarts) {
        double[] best = start.clone();
        for (int r = 0; r <= restarts; r++) {
            best = run(f, best, step, maxEvaluations);
        }
        return best;
    }

    private static double[] run(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations) {
        int n = start.length;
        double[][] simplex = new double[n + 1][];
        double[] values = new double[n + 1];
        simplex[0] = start.clone();
        values[0] = f.applyAsDouble(simplex[0]);
        for (int i = 0; i < n; i++) {
            double[] x = start.clone();
            x[i] += step;
            simplex[i + 1] = x;
            values[i + 1] = f.applyAsDouble(x);
        }
        int evaluations = n + 1;
        Integer[] order = new Integer[n + 1];
        while (evaluations < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] v = values;
            Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
            double[][] s2 = new double[n + 1][];
            double[] v2 = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                s2[i] = simplex[order[i]];
                v2[i] = values[order[i]];
            }
            simplex = s2;
            values = v2;
            if (Math.abs(values[n] - values[0]) < 1e-12) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += simplex[i][j] / n;
                }
            }
            double[] reflected = along(centroid, simplex[n], -1.0);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = along(centroid, simplex[n], -2.0);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                if (fe < fr) {
                    simplex[n] = expanded;
                    values[n] = fe;
                } else {
                    simplex[n] = reflected;
                    values[n] = fr;
                }
            } else if (fr < values[n - 1]) {
                simplex[n] = reflected;
                values[n] = fr;
            } else {
                boolean outside = fr < values[n];
                double[] contracted = along(centroid, outside ? reflected : simplex[n], 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < Math.min(fr, values[n])) {
                    simplex[n] = contracted;
                    values[n] = fc;
                } else {
                    for (int i = 1; i <= n; i++) {
                        simplex[i] = along(simplex[0], simplex[i], 0.5);
                        values[i] = f.applyAsDouble(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }
        int bestIndex = 0;
        for (int i = 1; i <= n; i++) {
            if (values[i] < values[bestIndex]) {
                bestIndex = i;
            }
        }
        return simplex[bestIndex];
    }

    /** centroid + t (point - centroid). */
    private static double[] along(double[] centroid, double[] point, double t) {
        double[] x = new double[centroid.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = centroid[i] + t * (point[i] - centroid[i]);
        }
        return x;
    }
}
