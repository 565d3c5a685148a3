package io.tokenomics.gateway.quota;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.Problem;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code /api/platform/**}: plans (readable by every user, editable by platform-admin) and which plan a tenant is on
 * (platform-admin; a tenant's own users may read theirs).
 */
@ApplicationScoped
public class PlanRoutes {
    @Inject
    PlanRepository plans;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;

    /** Record of the body of a tenant assignment. */
    public record Assignment(String plan) {
    }

    public void listPlans(RoutingContext ctx, SecurityIdentity identity, BiConsumer<RoutingContext, Problem> problems) {
        respond(ctx, plans.all(), problems);
    }

    public void updatePlan(RoutingContext ctx, SecurityIdentity identity, BiConsumer<RoutingContext, Problem> problems) {
        if (!identity.hasRole("platform-admin")) {
            problems.accept(ctx, Problem.of(403, "forbidden", "Forbidden", "only platform-admin edits plans", List.of()));
            return;
        }
        Plan submitted;
        try {
            Map<?, ?> raw = mapper.readValue(ctx.body().asString(), Map.class);
            submitted = mapper.convertValue(raw, Plan.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            problems.accept(ctx, Problem.of(400, "invalid-json", "Invalid request body", "a plan object is required: "
                    + e.getMessage(), List.of(new Problem.FieldError("body", "not a plan object"))));
            return;
        }
        Plan plan = new Plan(ctx.pathParam("name"), submitted.requestsPerMinute(), submitted.burst(),
                submitted.maxRequestsPerSimulation(), submitted.maxSweepPoints(), submitted.maxConcurrentJobs());
        Set<ConstraintViolation<Plan>> violations = validator.validate(plan);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
            problems.accept(ctx, Problem.of(400, "validation", "Invalid request", errors.toString(), errors));
            return;
        }
        respond(ctx, plans.update(plan).map(found -> found ? plan : null), problems);
    }

    public void tenantPlan(RoutingContext ctx, SecurityIdentity identity, String callerTenant,
                           BiConsumer<RoutingContext, Problem> problems) {
        String tenant = ctx.pathParam("tenant");
        if (!identity.hasRole("platform-admin") && !tenant.equals(callerTenant)) {
            problems.accept(ctx, Problem.of(404, "not-found", "Not Found", "no tenant '" + tenant + "'", List.of()));
            return;
        }
        respond(ctx, plans.planOf(tenant), problems);
    }

    public void assignPlan(RoutingContext ctx, SecurityIdentity identity, BiConsumer<RoutingContext, Problem> problems) {
        if (!identity.hasRole("platform-admin")) {
            problems.accept(ctx, Problem.of(403, "forbidden", "Forbidden", "only platform-admin assigns plans", List.of()));
            return;
        }
        String tenant = ctx.pathParam("tenant");
        Assignment assignment;
        try {
            assignment = mapper.readValue(ctx.body().asString(), Assignment.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            assignment = null;
        }
        if (assignment == null || assignment.plan() == null || !tenant.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.accept(ctx, Problem.of(400, "validation", "Invalid request", "plan: a plan name is required",
                    List.of(new Problem.FieldError(assignment == null || assignment.plan() == null ? "plan" : "tenant",
                            "required and well-formed"))));
            return;
        }
        String planName = assignment.plan();
        respond(ctx, plans.assign(tenant, planName, identity.getPrincipal().getName())
                .chain(found -> found ? plans.planOf(tenant) : Uni.createFrom().failure(
                        new UnknownPlan(planName))), problems);
    }

    static final class UnknownPlan extends RuntimeException {
        UnknownPlan(String name) {
            super("no plan '" + name + "'");
        }
    }

    private <T> void respond(RoutingContext ctx, Uni<T> result, BiConsumer<RoutingContext, Problem> problems) {
        result.subscribe().with(value -> {
            if (value == null) {
                problems.accept(ctx, Problem.of(404, "not-found", "Not Found", "no such plan", List.of()));
                return;
            }
            try {
                ctx.response().putHeader("Content-Type", "application/json").end(mapper.writeValueAsString(value));
            } catch (IOException e) {
                ctx.fail(e);
            }
        }, failure -> problems.accept(ctx, failure instanceof UnknownPlan unknown
                ? Problem.of(400, "validation", "Invalid request", "plan: " + unknown.getMessage(),
                List.of(new Problem.FieldError("plan", unknown.getMessage())))
                : Problem.of(503, "service-unavailable", "Service Unavailable", "the plan store is unavailable", List.of())));
    }
}
