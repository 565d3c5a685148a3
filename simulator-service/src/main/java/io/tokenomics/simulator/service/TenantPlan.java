package io.tokenomics.simulator.service;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * The job limits of the caller's plan, from the gateway's {@code X-Tenant-Plan} header
 * ({@code "<plan>; jobs=N; requests=N; sweep-points=N"}; the gateway replaces any client-sent value). Without the header
 * (or with one that does not parse) the free plan's limits apply.
 */
public record TenantPlan(String name, int maxConcurrentJobs, long maxRequestsPerSimulation, int maxSweepPoints) {
    public static final String HEADER = "X-Tenant-Plan";

    public static TenantPlan parse(String header, TenantPlan fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        String[] parts = header.split(";");
        String name = parts[0].trim();
        OptionalLong jobs = OptionalLong.empty();
        OptionalLong requests = OptionalLong.empty();
        OptionalLong points = OptionalLong.empty();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                return fallback;
            }
            long value;
            try {
                value = Long.parseLong(kv[1].trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
            if (value <= 0) {
                return fallback;
            }
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "jobs" -> jobs = OptionalLong.of(value);
                case "requests" -> requests = OptionalLong.of(value);
                case "sweep-points" -> points = OptionalLong.of(value);
                default -> {
                    // additive: unknown limits are ignored
                }
            }
        }
        if (name.isEmpty() || jobs.isEmpty() || requests.isEmpty() || points.isEmpty()) {
            return fallback;
        }
        return new TenantPlan(name, (int) Math.min(Integer.MAX_VALUE, jobs.getAsLong()), requests.getAsLong(),
                (int) Math.min(Integer.MAX_VALUE, points.getAsLong()));
    }
}
