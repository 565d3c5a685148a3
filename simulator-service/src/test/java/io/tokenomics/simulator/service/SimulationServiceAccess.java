package io.tokenomics.simulator.service;

import io.tokenomics.simulator.TestData;
import io.tokenomics.simulator.domain.SimulationJob;

/** Test fixtures built with the service's own job factory. */
public final class SimulationServiceAccess {
    private SimulationServiceAccess() {
    }

    /** A parameter-count job, QUEUED, for which no unit is ever sent: it holds a concurrency slot until cancelled. */
    public static SimulationJob queuedSkeletonJob(String tenant) {
        SimulationJob job = SimulationService.job(tenant, "test", "held", null);
        job.scenario = "{\"name\":\"held\",\"acceleratorId\":\"H100\",\"modelParameters\":1000000000,\"weightPrecision\":\"BF16\"}";
        job.accelerator = TestData.H100;
        job.acceleratorId = "H100";
        return job;
    }
}
