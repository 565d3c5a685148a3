package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.data.FlatJson;
import io.tokenomics.simulator.engine.energy.PowerModel;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fits {@link PowerModel}'s coefficients (idle, tensor-active, compute, memory; fractions of the board's maximum
 * power) to measured board power and scores them leave-one-out: every row is predicted by a fit without it.
 * Rows come from {@code gpu_power_profile.py} (see {@code simulator-service/tools/}); the bundled ones are an H100
 * SXM's ({@code engine/data/h100-power-profile.jsonl}).
 */
public final class PowerFit {
    public static final String DEFAULT_RESOURCE = "engine/data/h100-power-profile.jsonl";

    /** One measured window: board watts at a tensor-busy share and compute/memory utilization. */
    public record PowerRow(String label, double tensorBusy, double computeUtilization, double memoryUtilization,
                           double watts) {
    }

    /** Fitted coefficients (fractions of maximum power) and each row's leave-one-out prediction. */
    public record Result(double idle, double tensorActive, double compute, double memory, List<PowerRow> rows,
                         double[] heldOutWatts) {
        public double[] heldOutErrors() {
            double[] e = new double[rows.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = heldOutWatts[i] / rows.get(i).watts() - 1;
            }
            return e;
        }
    }

    private final AcceleratorSpec accelerator;

    public PowerFit(AcceleratorSpec accelerator) {
        this.accelerator = accelerator;
    }

    /**
     * Reads the rows: {@code idle} sections are (0, 0, 0); {@code power} sections use the window's busy fraction as
     * tensor-busy for GEMM workloads (0 for copies), TFLOP/s over the chip's measured matmul ceiling of the
     * workload's precision, TB/s over peak bandwidth.
     */
    public List<PowerRow> read(InputStream in) throws IOException {
        List<PowerRow> rows = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> o = FlatJson.parseObject(line);
            String section = (String) o.get("section");
            if ("idle".equals(section)) {
                rows.add(new PowerRow("idle (" + o.get("label") + ")", 0, 0, 0, num(o, "watts")));
            } else if ("power".equals(section)) {
                String workload = (String) o.get("workload");
                boolean gemm = workload.contains("gemm");
                double ceiling = workload.contains("fp8") ? accelerator.measuredMatmulFp8()
                        : accelerator.measuredMatmulBf16();
                rows.add(new PowerRow(workload + " duty " + num(o, "duty"), gemm ? num(o, "busy_fraction") : 0,
                        num(o, "tflops") * 1e12 / ceiling, num(o, "tb_per_s") * 1e12 / accelerator.memoryBandwidth(),
                        num(o, "watts")));
            }
        }
        return rows;
    }

    public List<PowerRow> readDefault() {
        try (InputStream in = PowerFit.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result fit(List<PowerRow> rows) {
        double[] all = fitRows(rows);
        double[] heldOut = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            List<PowerRow> training = new ArrayList<>(rows);
            training.remove(i);
            heldOut[i] = predict(fitRows(training), rows.get(i));
        }
        return new Result(all[0], all[1], all[2], all[3], List.copyOf(rows), heldOut);
    }

    public PowerModel model(Result r) {
        return new PowerModel(accelerator.maxPowerWatts(), r.idle(), r.tensorActive(), r.compute(), r.memory(),
                PowerModel.DEFAULT_HOST_OVERHEAD_FRACTION, PowerModel.DEFAULT_PUE);
    }

    private double predict(double[] x, PowerRow r) {
        return new PowerModel(accelerator.maxPowerWatts(), x[0], x[1], x[2], x[3], 0, 1)
                .boardWatts(r.tensorBusy(), r.computeUtilization(), r.memoryUtilization());
    }

    /** Minimizes mean |log(predicted / measured)| over the four non-negative coefficients (fitted in log space). */
    private double[] fitRows(List<PowerRow> rows) {
        double[] start = {Math.log(0.15), Math.log(0.2), Math.log(0.9), Math.log(0.4)};
        double[] best = NelderMead.minimize(logs -> {
            double[] x = {Math.exp(logs[0]), Math.exp(logs[1]), Math.exp(logs[2]), Math.exp(logs[3])};
            if (x[0] > 1) {
                return 1e9;
            }
            double sum = 0;
            for (PowerRow r : rows) {
                sum += Math.abs(Math.log(predict(x, r) / r.watts()));
            }
            return sum / rows.size();
        }, start, 0.3, 4000, 2);
        return new double[]{Math.exp(best[0]), Math.exp(best[1]), Math.exp(best[2]), Math.exp(best[3])};
    }

    private static double num(Map<String, Object> o, String key) {
        Object v = o.get(key);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("power row lacks numeric " + key + ": " + o);
        }
        return d;
    }
}
