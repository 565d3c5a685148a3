package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.Sweep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Converts the JSON documents stored with a job. */
@ApplicationScoped
public class JobDocuments {
    @Inject
    ObjectMapper mapper;

    public String write(Object document) {
        try {
            return mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + document.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not a " + type.getSimpleName(), e);
        }
    }

    public SimulationView view(SimulationJob job) {
        return new SimulationView(job.id, job.name, job.status.name(), shown(job.scenario), shown(job.accelerator),
                shown(job.result), job.error, job.createdAt, job.completedAt, job.modelId, job.acceleratorId,
                shown(job.model), shown(job.progress), job.sweepId, job.pointIndex, job.rerunOf, job.startedAt,
                job.worker, job.attempts == 0 ? null : job.attempts, shown(job.draftModel));
    }

    public SweepView view(Sweep sweep, SweepView.Progress progress) {
        return new SweepView(sweep.id, sweep.name, sweep.status.name(), sweep.modelId, sweep.acceleratorId,
                sweep.points, progress, tree(sweep.scenario), tree(sweep.grid), tree(sweep.result), sweep.error,
                sweep.createdAt, sweep.completedAt);
    }

    /** For views: a stored document that is not JSON (corrupt) is shown as its text rather than failing the read. */
    private JsonNode shown(String json) {
        try {
            return tree(json);
        } catch (IllegalStateException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(json);
        }
    }

    public JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }
}
