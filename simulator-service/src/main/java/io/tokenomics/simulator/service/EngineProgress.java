package io.tokenomics.simulator.service;

import java.util.Map;

/**
 * A progress report of a running scenario.
 *
 * @param percent          0-100
 * @param simulatedSeconds simulated time reached; null for engines without a simulated clock (steady-state estimates)
 * @param partial          partial metrics so far, by name (SI units)
 */
public record EngineProgress(double percent, Double simulatedSeconds, Map<String, Double> partial) {
}
