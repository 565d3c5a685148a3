package io.tokenomics.simulator.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.tokenomics.simulator.domain.RequestTraceContent;
import jakarta.enterprise.context.ApplicationScoped;

/** Trace lines by trace id; callers find the (tenant-scoped) trace first. */
@ApplicationScoped
public class RequestTraceContentRepository implements PanacheRepositoryBase<RequestTraceContent, String> {
}
