package io.tokenomics.simulator.engine.hardware;

import io.tokenomics.simulator.engine.data.Csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Accelerators of {@code engine/data/accelerators.csv} (a copy of {@code shared/data/accelerators.csv}) by key, with
 * the streaming-multiprocessor / compute-unit count of {@code engine/data/accelerator-compute-units.csv} where one is
 * published (0 otherwise).
 */
public final class AcceleratorCatalog {
    private static final Pattern DOMAIN = Pattern.compile("(\\d+)-GPU (domain|mesh)");
    /** GPUs in one server when the interconnect column names no larger domain (HGX/OAM boards hold 8). */
    public static final int DEFAULT_SCALE_UP_DOMAIN = 8;

    private final Map<String, AcceleratorSpec> byKey;
    private final List<String> skipped;

    private AcceleratorCatalog(Map<String, AcceleratorSpec> byKey, List<String> skipped) {
        this.byKey = byKey;
        this.skipped = skipped;
    }

    public static AcceleratorCatalog load() {
        Map<String, AcceleratorSpec> map = new LinkedHashMap<>();
        List<String> skipped = new java.util.ArrayList<>();
        Map<String, Integer> units = new LinkedHashMap<>();
        for (Map<String, String> r : Csv.readResource("engine/data/accelerator-compute-units.csv")) {
            units.put(r.get("hardware_key"), Integer.parseInt(r.get("compute_units").trim()));
        }
        for (Map<String, String> r : Csv.readResource("engine/data/accelerators.csv")) {
            try {
                AcceleratorSpec a = fromRow(r).withComputeUnits(units.getOrDefault(r.get("hardware_key"), 0));
                map.put(a.key(), a);
            } catch (IllegalArgumentException e) {
                skipped.add(r.get("hardware_key") + " (" + e.getMessage() + ")");
            }
        }
        return new AcceleratorCatalog(map, List.copyOf(skipped));
    }

    static AcceleratorSpec fromRow(Map<String, String> r) {
        String interconnect = r.getOrDefault("scaleup_interconnect", "");
        Matcher m = DOMAIN.matcher(interconnect);
        int domain = m.find() ? Integer.parseInt(m.group(1)) : DEFAULT_SCALE_UP_DOMAIN;
        return new AcceleratorSpec(r.get("hardware_key"), r.get("accelerator"),
                Csv.number(r, "bf16_dense_tflops") * 1e12, Csv.number(r, "fp8_dense_tflops") * 1e12,
                fp4PeakTflops(Csv.number(r, "fp4_dense_tflops"), Csv.number(r, "nvfp4_dense_tflops")) * 1e12,
                Csv.number(r, "int8_dense_tops") * 1e12, Csv.number(r, "mem_gb") * (1L << 30),
                Csv.number(r, "mem_bw_tbps") * 1e12, Csv.number(r, "scaleup_bw_unidir_GBps") * 1e9, domain,
                Csv.number(r, "power_w"), Csv.number(r, "mamf_bf16_tflops") * 1e12,
                Csv.number(r, "mamf_fp8_tflops") * 1e12);
    }

    /**
     * The dense FP4 tensor-core peak: {@code fp4_dense_tflops}, else {@code nvfp4_dense_tflops}. NVFP4 is E2M1 values
     * with one FP8 scale per 16, applied by the same block-scaled MMA instruction that runs MXFP4 (Blackwell's
     * {@code tcgen05.mma ... block_scale}), so a chip has one FP4 rate, and two different figures are two sources
     * disagreeing, not two paths. Where both are given the {@code fp4} column is taken: for B200 it is the figure
     * NVIDIA's own aiconfigurator {@code b200_sxm.yaml} uses (9000, quoted in the row's notes), while the
     * {@code nvfp4} figure (10000, the GB200 row's rate) cites no source of its own.
     */
    static double fp4PeakTflops(double fp4, double nvfp4) {
        return fp4 > 0 ? fp4 : nvfp4;
    }

    public Optional<AcceleratorSpec> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public AcceleratorSpec get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("unknown or incomplete accelerator " + key));
    }

    public List<AcceleratorSpec> all() {
        return List.copyOf(byKey.values());
    }

    /** Rows left out because a required figure (BF16 peak, memory size or bandwidth) is empty, with the reason. */
    public List<String> skipped() {
        return skipped;
    }
}
