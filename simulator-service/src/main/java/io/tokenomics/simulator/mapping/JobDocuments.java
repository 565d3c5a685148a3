package io.tokenomics.simulator.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.simulator.domain.SimulationJob;
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
        return new SimulationView(job.id, job.name, job.status.name(), tree(job.scenario), tree(job.accelerator),
                tree(job.result), job.error, job.createdAt, job.completedAt);
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored document is not JSON", e);
        }
    }
}
