package io.tokenomics.simulator.service;

import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.SimulationFailed;
import io.tokenomics.simulator.client.AcceleratorFacts;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.engine.performance.WeightStreamingBound;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/** Runs the engine on a stored job and records the outcome on it; returns the event that announces it. */
@ApplicationScoped
public class SimulationRunner {
    @Inject
    JobDocuments documents;

    public CloudEvent<?> run(SimulationJob job) {
        SimulationRequest scenario = documents.read(job.scenario, SimulationRequest.class);
        AcceleratorFacts accelerator = documents.read(job.accelerator, AcceleratorFacts.class);
        int count = scenario.acceleratorCountOrDefault();
        var bound = WeightStreamingBound.estimate(scenario.modelParameters(), scenario.weightPrecision().bits(), count,
                accelerator.memoryBandwidthTbps().doubleValue() * 1e12, accelerator.memoryGb().doubleValue() * 1e9);
        job.completedAt = OffsetDateTime.now();
        if (!bound.weightsFitInMemory()) {
            job.status = SimulationStatus.FAILED;
            job.error = String.format("the weights need %.1f GB per accelerator but %s has %s GB: use more accelerators"
                            + " or a smaller weight precision", bound.weightBytesPerAccelerator() / 1e9, accelerator.id(),
                    accelerator.memoryGb().toPlainString());
            return CloudEvent.of(SimulationService.SOURCE, EventTypes.SIMULATION_FAILED, job.id, job.tenant,
                    new SimulationFailed(job.id, job.error));
        }
        job.status = SimulationStatus.COMPLETED;
        job.result = documents.write(new SimulationResult(WeightStreamingBound.METHOD, bound.weightBytes(),
                bound.weightBytesPerAccelerator(), bound.decodeStepSeconds(), bound.outputTokensPerSecond(), count));
        return CloudEvent.of(SimulationService.SOURCE, EventTypes.SIMULATION_COMPLETED, job.id, job.tenant,
                new SimulationCompleted(job.id, accelerator.id(), count, bound.decodeStepSeconds(),
                        bound.outputTokensPerSecond(), WeightStreamingBound.METHOD));
    }
}
