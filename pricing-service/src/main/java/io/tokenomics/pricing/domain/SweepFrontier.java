package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Where a configuration's frontier came from when it was read from a simulator sweep.
 *
 * @param simulationIds the simulation of each frontier point, in the order of {@code frontier}
 * @param wattsBasis    {@code request} (wattsPerGpu given) or {@code catalog-tdp} (the accelerator's TDP)
 */
public record SweepFrontier(UUID sweepId, String sweepName, String modelId, String acceleratorId, int sweepPoints,
                            int completedPoints, BigDecimal wattsPerGpu, String wattsBasis, BigDecimal pue,
                            List<String> simulationIds) {
}
