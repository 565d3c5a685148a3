package io.tokenomics.simulator.engine.energy;

import io.tokenomics.simulator.engine.calibration.PowerFit;
import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.hardware.AcceleratorSpec;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PowerModelTest {
    private final AcceleratorSpec h100 = AcceleratorCatalog.load().get("H100");

    @Test
    void defaultsAreTheFitOfTheMeasuredH100RowsAndPredictHeldOutWindowsWithinAFewPercent() {
        PowerFit fit = new PowerFit(h100);
        PowerFit.Result r = fit.fit(fit.readDefault());
        assertEquals(16, r.rows().size());
        assertEquals(PowerModel.DEFAULT_IDLE_FRACTION, r.idle(), 0.005);
        assertEquals(PowerModel.DEFAULT_TENSOR_ACTIVE_FRACTION, r.tensorActive(), 0.005);
        assertEquals(PowerModel.DEFAULT_COMPUTE_FRACTION, r.compute(), 0.005);
        assertEquals(PowerModel.DEFAULT_MEMORY_FRACTION, r.memory(), 0.005);
        double[] abs = Arrays.stream(r.heldOutErrors()).map(Math::abs).sorted().toArray();
        assertTrue(abs[abs.length - 1] < 0.06, "worst leave-one-out error " + abs[abs.length - 1]);
    }

    @Test
    void idleAndMaximumComeFromTheCatalogsPowerFigure() {
        PowerModel p = PowerModel.forAccelerator(h100);
        assertEquals(700, p.maxWatts(), 1e-9);
        assertEquals(0.170 * 700, p.boardWatts(0, 0), 1e-9);
        assertEquals(700, p.boardWatts(1, 1, 1), 1e-9, "capped at the maximum");
        // measured: HBM copy at 89 % of peak bandwidth drew 386 W; a busy BF16 GEMM duty 25 % drew 332 W
        assertEquals(386, p.boardWatts(0, 0, 0.893), 386 * 0.03);
        assertEquals(332, p.boardWatts(0.248, 0.249, 0.022), 332 * 0.03);
        AcceleratorSpec b200 = AcceleratorCatalog.load().get("B200");
        assertEquals(0.170 * b200.maxPowerWatts(), PowerModel.forAccelerator(b200).boardWatts(0, 0), 1e-9);
    }

    @Test
    void moreActivityNeverDrawsLessPower() {
        PowerModel p = PowerModel.forAccelerator(h100);
        double previous = p.boardWatts(0, 0);
        for (double u = 0.05; u <= 1.0; u += 0.05) {
            double w = p.boardWatts(u, u * 0.5);
            assertTrue(w >= previous, "at " + u);
            previous = w;
        }
    }

    @Test
    void theEarlierFiveArgumentFormKeepsItsFormula() {
        PowerModel p = new PowerModel(1000, 0.1, 0.5, 0.3, 1.2);
        assertEquals(1000 * (0.1 + 0.9 * (0.4 + 0.5 * 0.2)), p.boardWatts(0.4, 0.2), 1e-9);
        assertEquals((500 + 300) * 1.2, p.facilityWatts(500), 1e-9);
    }
}
