package io.tokenomics.simulator.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.events.CloudEvent;
import io.tokenomics.contract.events.EventTypes;
import io.tokenomics.contract.events.SimulationRequested;
import io.tokenomics.contract.events.Topics;
import io.tokenomics.simulator.client.AcceleratorFacts;
import io.tokenomics.simulator.client.CatalogLookup;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.domain.SimulationJob;
import io.tokenomics.simulator.domain.SimulationStatus;
import io.tokenomics.simulator.mapping.JobDocuments;
import io.tokenomics.simulator.mapping.SimulationRequest;
import io.tokenomics.simulator.mapping.SimulationView;
import io.tokenomics.contract.outbox.OutboxRepository;
import io.tokenomics.simulator.repository.SimulationJobRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.NotFoundException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Accepts, stores and reads simulation jobs. Validation and transactions live here, not in the resource. */
@ApplicationScoped
public class SimulationService {
    static final String SOURCE = "/simulator-service";

    @Inject
    SimulationJobRepository jobs;
    @Inject
    OutboxRepository outbox;
    @Inject
    CatalogLookup catalog;
    @Inject
    JobDocuments documents;
    @Inject
    SimulatorConfig config;

    /** A stored job; {@code replayed} when an earlier request with the same Idempotency-Key created it. */
    public record Accepted(SimulationView job, boolean replayed) {
    }

    /**
     * Stores a job and its work-unit event in one transaction (transactional outbox), after reading the catalog
     * facts it needs with the caller's token.
     */
    public Uni<Accepted> create(@Valid @NotNull SimulationRequest request, String tenant, String user,
                                String authorization,
                                @Size(max = 200) @Pattern(regexp = "[\\x21-\\x7e]+") String idempotencyKey) {
        Uni<SimulationJob> earlier = idempotencyKey == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> jobs.findByIdempotencyKey(tenant, idempotencyKey));
        return earlier.chain(existing -> existing != null
                ? Uni.createFrom().item(new Accepted(documents.view(existing), true))
                : catalog.accelerator(request.acceleratorId(), authorization)
                .chain(facts -> store(request, facts, tenant, user, idempotencyKey))
                .map(job -> new Accepted(documents.view(job), false)));
    }

    private Uni<SimulationJob> store(SimulationRequest request, AcceleratorFacts facts, String tenant, String user,
                                     String idempotencyKey) {
        SimulationJob job = new SimulationJob();
        job.id = UUID.randomUUID().toString();
        job.tenant = tenant;
        job.name = request.name();
        job.status = SimulationStatus.QUEUED;
        job.scenario = documents.write(request);
        job.accelerator = documents.write(facts);
        job.idempotencyKey = idempotencyKey;
        job.createdBy = user;
        job.createdAt = OffsetDateTime.now();
        CloudEvent<SimulationRequested> event = CloudEvent.of(SOURCE, EventTypes.SIMULATION_REQUESTED, job.id, tenant,
                new SimulationRequested(job.id, 1));
        return Panache.withTransaction(() -> jobs.persist(job).call(() -> outbox.append(Topics.SIMULATION_REQUESTS, event)));
    }

    @WithSession
    public Uni<SimulationView> get(String id, String tenant) {
        return jobs.findForTenant(id, tenant)
                .onItem().ifNull().failWith(() -> new NotFoundException("no simulation '" + id + "'"))
                .map(documents::view);
    }

    @WithSession
    public Uni<List<SimulationView>> list(String tenant) {
        return jobs.latestForTenant(tenant, config.maxListSize())
                .map(list -> list.stream().map(documents::view).toList());
    }
}
