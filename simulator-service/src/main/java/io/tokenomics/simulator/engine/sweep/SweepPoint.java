package io.tokenomics.simulator.engine.sweep;

import io.tokenomics.simulator.engine.metrics.SimulationReport;
import io.tokenomics.simulator.engine.simulation.Scenario;

/** One configuration of a sweep: its report, or why it could not run (e.g. the model does not fit). */
public record SweepPoint(Scenario scenario, SimulationReport report, String infeasible) {
    public boolean feasible() {
        return report != null;
    }

    public int gpus() {
        return scenario.gpus();
    }

    public double outputTokensPerSecondPerGpu() {
        return feasible() ? report.throughput().outputTokensPerSecondPerGpu() : Double.NaN;
    }

    public double outputTokensPerSecondPerMegawatt() {
        return feasible() ? report.throughput().outputTokensPerSecondPerMegawatt() : Double.NaN;
    }

    /** Output tokens per second one user sees (1 / median TPOT). */
    public double interactivity() {
        return feasible() ? report.interactivityP50() : Double.NaN;
    }
}
