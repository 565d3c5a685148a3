package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * The API shape of a job: what was asked, with which catalog facts (at their pinned revisions), how far it got and
 * what came out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimulationView(
        String id,
        String name,
        String status,
        JsonNode scenario,
        JsonNode accelerator,
        JsonNode result,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt,
        String modelId,
        String acceleratorId,
        JsonNode model,
        JsonNode progress,
        String sweepId,
        Integer pointIndex,
        String rerunOf,
        OffsetDateTime startedAt,
        /** the instance that last claimed the unit, and how many claims it took */
        String worker,
        Integer attempts,
        /** the speculation's catalog draft model at its pinned revision (absent without one) */
        JsonNode draftModel) {
}
