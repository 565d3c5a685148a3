package io.tokenomics.contract.tenancy;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code tenant} claim of a validated access token. Keycloak emits it as a string from a user-attribute
 * mapper, as a one-element array when the mapper is multivalued, and as a map keyed by alias for Organizations;
 * all three forms are accepted, anything ambiguous is rejected.
 */
public final class TenantClaim {
    public static final String NAME = "tenant";
    private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private TenantClaim() {
    }

    public static Optional<String> parse(Object claim) {
        Object value = claim;
        if (value instanceof Collection<?> values) {
            value = values.size() == 1 ? values.iterator().next() : null;
        } else if (value instanceof Map<?, ?> byAlias) {
            value = byAlias.size() == 1 ? byAlias.keySet().iterator().next() : null;
        }
        if (value == null) {
            return Optional.empty();
        }
        String text = unquote(value.toString().trim());
        return TENANT_ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
