package io.tokenomics.simulator.service;

/**
 * The seam between the job machinery and the simulation engine. Implementations: {@link DiscreteEventEngine} (engine
 * part 2: request-level discrete-event simulation; the default) and {@link SteadyStateEngine} (engine part 1:
 * steady-state estimates from the operator-level {@code PerformanceModel} and the {@code MemoryPlan}), chosen by
 * {@code simulator.engine} ({@link EngineSelection}, a {@code @DefaultBean} producer: any other bean of this type wins
 * without touching callers, e.g. a test double).
 *
 * <p>Contract: deterministic for a given scenario (the seed drives any randomness), blocking and CPU-bound (callers run
 * it on a worker thread, never the event loop), thread-safe (several units run at once). It reports progress through
 * the listener, which may throw {@link JobCancelledException} to stop a cancelled run; a configuration that cannot
 * serve (e.g. does not fit in memory) is a {@link ScenarioOutcome#failed failed outcome} with a reason for a person,
 * not an exception. Any exception is treated as a fault of the unit (retried, then dead-lettered).
 */
public interface ScenarioEngine {
    ScenarioOutcome run(EngineScenario scenario, ProgressListener progress);

    /** Receives progress while a scenario runs. */
    @FunctionalInterface
    interface ProgressListener {
        ProgressListener NONE = p -> {
        };

        /** @throws JobCancelledException when the job was cancelled meanwhile: the engine must let it propagate */
        void report(EngineProgress progress);
    }
}
