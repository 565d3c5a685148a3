package io.tokenomics.simulator.service;

import io.tokenomics.simulator.mapping.ScenarioResult;

/** What an engine run produced: a result, or the reason (for a person) why the configuration cannot serve. */
public record ScenarioOutcome(ScenarioResult result, String failure) {
    public static ScenarioOutcome completed(ScenarioResult result) {
        return new ScenarioOutcome(result, null);
    }

    public static ScenarioOutcome failed(String reason) {
        return new ScenarioOutcome(null, reason);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
