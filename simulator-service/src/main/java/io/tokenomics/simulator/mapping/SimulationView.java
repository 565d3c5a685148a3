package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** The API shape of a job: what was asked, with which catalog facts, and what came out. */
public record SimulationView(
        String id,
        String name,
        String status,
        JsonNode scenario,
        JsonNode accelerator,
        JsonNode result,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt) {
}
