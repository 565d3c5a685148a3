package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** The API shape of a sweep: the base scenario and grid, progress over its points, the aggregated result. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepView(
        String id,
        String name,
        String status,
        String modelId,
        String acceleratorId,
        int points,
        Progress progress,
        JsonNode scenario,
        JsonNode grid,
        JsonNode result,
        String error,
        OffsetDateTime createdAt,
        OffsetDateTime completedAt) {

    /** Points by state; {@code percent} = finished points / points. */
    public record Progress(long queued, long running, long completed, long failed, long cancelled, double percent) {
    }
}
