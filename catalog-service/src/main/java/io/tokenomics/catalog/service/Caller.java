package io.tokenomics.catalog.service;

/**
 * Who calls: the tenant from the validated token, the user for the revision log, and the two writer roles
 * ({@code tenant-admin} writes the tenant's private entries and overrides, {@code platform-admin} also public ones).
 */
public record Caller(String tenant, String user, boolean tenantAdmin, boolean platformAdmin) {
    /** The seed import: writes public entries only. */
    public static Caller seed(String label) {
        return new Caller(null, label, false, true);
    }
}
