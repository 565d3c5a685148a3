package io.tokenomics.simulator.domain;

public enum SimulationStatus {
    QUEUED, RUNNING, COMPLETED, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
