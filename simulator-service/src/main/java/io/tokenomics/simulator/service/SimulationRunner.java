package io.tokenomics.simulator.service;

import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationCompleted;
import io.tokenomics.contract.events.SimulationFailed;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.simulator.client.AcceleratorFacts;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.engine.performance.WeightStreamingBound;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.ScenarioResult;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;

/**
 * Runs the engine on a stored job ({@link #compute}, blocking: worker threads only) and records the outcome on the
 * job ({@link #apply}, inside the completing transaction), returning the event that announces it.
 */
@ApplicationScoped
public class SimulationRunner {
    @Inject
    JobDocuments documents;
    @Inject
    ScenarioEngine engine;
    @Inject
    ScenarioValidation validation;
    @Inject
    TraceService traces;

    /** What a unit produced, before it is stored. */
    public record Computed(String resultJson, String error, SimulationCompleted completed) {
        static Computed failed(String reason) {
            return new Computed(null, reason, null);
        }
    }

    /** Blocking and CPU-bound: never call it on the event loop. Throws on a fault (a poison unit). */
    public Computed compute(SimulationJob job, ScenarioEngine.ProgressListener progress) {
        SimulationRequest scenario = documents.read(job.scenario, SimulationRequest.class);
        if (!scenario.isScenario()) {
            return skeleton(job, scenario);
        }
        EngineScenario input;
        try {
            input = engineScenario(job);
        } catch (InvalidFieldException | InvalidFieldsException e) {
            return Computed.failed("the stored scenario cannot be simulated: " + e.getMessage());
        }
        if (scenario.traceId() == null) {
            return computed(job, engine.run(input, progress));
        }
        // the stored trace, replayed from a temporary file (the engine streams it)
        String lines = traces.content(scenario.traceId());
        if (lines == null) {
            return Computed.failed("trace " + scenario.traceId() + " is no longer stored");
        }
        java.nio.file.Path file = null;
        try {
            file = java.nio.file.Files.createTempFile("trace-" + job.id + "-", ".trace");
            java.nio.file.Files.writeString(file, lines);
            String format = lines.stripLeading().startsWith("{") ? "jsonl" : "csv";
            java.nio.file.Path named = file.resolveSibling(file.getFileName() + "." + format);
            java.nio.file.Files.move(file, named);
            file = named;
            return computed(job, engine.run(input.withTrace(file), progress));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    java.nio.file.Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** The engine's view of a stored scenario job (its catalog entries as pinned). */
    public EngineScenario engineScenario(SimulationJob job) {
        SimulationRequest scenario = documents.read(job.scenario, SimulationRequest.class);
        return validation.engineScenario(scenario, documents.tree(job.model), documents.tree(job.accelerator),
                job.draftModel == null ? null : documents.tree(job.draftModel), "");
    }

    /** An engine outcome as what a unit stores and announces. */
    public Computed computed(SimulationJob job, ScenarioOutcome outcome) {
        if (outcome.isFailure()) {
            return Computed.failed(outcome.failure());
        }
        ScenarioResult r = outcome.result();
        ScenarioResult.Phases p = r.phases();
        if (p == null) {
            return new Computed(documents.write(r), null, new SimulationCompleted(job.id, job.acceleratorId,
                    r.gpusPerReplica(), r.decodeStepSeconds(), r.outputTokensPerSecondPerReplica(), r.method()));
        }
        // per-phase figures of one replica (pricing attributes cost to input and output tokens with them)
        var range = p.outputTokensPerDecodeSecondRange();
        return new Computed(documents.write(r), null, new SimulationCompleted(job.id, job.acceleratorId,
                r.gpusPerReplica(), r.decodeStepSeconds(), r.outputTokensPerSecondPerReplica(), r.method(),
                range == null ? null : range.low(), range == null ? null : range.high(),
                p.inputTokensPerPrefillSecond(), positive(p.prefillBusySeconds()), positive(p.decodeBusySeconds()),
                positive(p.inputTokens()), positive(p.outputTokens()), p.averageWatts(), p.usefulOutputFraction()));
    }

    private static Double positive(double v) {
        return Double.isFinite(v) && v > 0 ? v : null;
    }

    /** The walking skeleton's parameter-count scenario: the weight-streaming lower bound. */
    private Computed skeleton(SimulationJob job, SimulationRequest scenario) {
        AcceleratorFacts accelerator = documents.read(job.accelerator, AcceleratorFacts.class);
        int count = scenario.acceleratorCountOrDefault();
        var bound = WeightStreamingBound.estimate(scenario.modelParameters(), scenario.weightPrecision().bits(), count,
                accelerator.memoryBandwidthTbps().doubleValue() * 1e12, accelerator.memoryGb().doubleValue() * 1e9);
        if (!bound.weightsFitInMemory()) {
            return Computed.failed(String.format("the weights need %.1f GB per accelerator but %s has %s GB: use more "
                            + "accelerators or a smaller weight precision", bound.weightBytesPerAccelerator() / 1e9,
                    accelerator.id(), accelerator.memoryGb().toPlainString()));
        }
        return new Computed(documents.write(new SimulationResult(WeightStreamingBound.METHOD, bound.weightBytes(),
                bound.weightBytesPerAccelerator(), bound.decodeStepSeconds(), bound.outputTokensPerSecond(), count)),
                null, new SimulationCompleted(job.id, accelerator.id(), count, bound.decodeStepSeconds(),
                bound.outputTokensPerSecond(), WeightStreamingBound.METHOD));
    }

    /** Records the outcome on the (managed) job and returns the event announcing it. */
    public CloudEvent<?> apply(SimulationJob job, Computed computed) {
        job.completedAt = OffsetDateTime.now();
        job.progress = "{\"percent\":100.0}";
        if (computed.error() != null) {
            job.status = SimulationStatus.FAILED;
            job.error = computed.error();
            return CloudEvent.of(SimulationService.SOURCE, EventTypes.SIMULATION_FAILED, job.id, job.tenant,
                    new SimulationFailed(job.id, job.error));
        }
        job.status = SimulationStatus.COMPLETED;
        job.result = computed.resultJson();
        return CloudEvent.of(SimulationService.SOURCE, EventTypes.SIMULATION_COMPLETED, job.id, job.tenant,
                computed.completed());
    }
}
