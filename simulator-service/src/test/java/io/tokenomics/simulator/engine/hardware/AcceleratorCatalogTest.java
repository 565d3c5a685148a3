package io.tokenomics.simulator.engine.hardware;

import io.tokenomics.simulator.engine.data.Csv;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AcceleratorCatalogTest {
    @Test
    void computeUnitsComeFromThePublishedFiguresAndDefaultToUnknown() {
        AcceleratorCatalog catalog = AcceleratorCatalog.load();
        assertThat(catalog.get("H100").computeUnits()).isEqualTo(132);
        assertThat(catalog.get("H200").computeUnits()).isEqualTo(132);
        assertThat(catalog.get("B200").computeUnits()).isEqualTo(148);
        assertThat(catalog.get("MI300X").computeUnits()).isEqualTo(304);
        // no published SM/CU figure (a systolic-array chip): 0 = unknown, no occupancy penalty
        assertThat(catalog.get("TPU_V5E").computeUnits()).isZero();
        assertThat(catalog.get("TPU_V5E").hasComputeUnits()).isFalse();
    }

    @Test
    void everyComputeUnitRowNamesAKnownAcceleratorAndASource() {
        AcceleratorCatalog catalog = AcceleratorCatalog.load();
        for (Map<String, String> r : Csv.readResource("engine/data/accelerator-compute-units.csv")) {
            assertThat(catalog.find(r.get("hardware_key"))).as(r.get("hardware_key")).isPresent();
            assertThat(Integer.parseInt(r.get("compute_units"))).isPositive();
            assertThat(r.get("source")).isNotBlank();
        }
    }

    @Test
    void oneFp4RatePerChipTheFp4ColumnFirst() {
        // B200: fp4 9000 (as NVIDIA's aiconfigurator b200_sxm.yaml) and nvfp4 10000 (no source): 9000
        assertThat(AcceleratorCatalog.load().get("B200").denseFlopsFp4()).isEqualTo(9000e12);
        assertThat(AcceleratorCatalog.load().get("GB200").denseFlopsFp4()).isEqualTo(10000e12);
        assertThat(AcceleratorCatalog.fp4PeakTflops(Double.NaN, 15000)).isEqualTo(15000);
        assertThat(AcceleratorCatalog.fp4PeakTflops(12600, 15000)).isEqualTo(12600);
    }
}
