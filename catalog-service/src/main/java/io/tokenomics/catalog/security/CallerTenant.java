package io.tokenomics.catalog.security;

import io.tokenomics.contract.tenancy.TenantClaim;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The tenant of the caller, taken only from the validated access token. */
@RequestScoped
public class CallerTenant {
    @Inject
    JsonWebToken token;

    public String id() {
        return TenantClaim.parse(token.getClaim(TenantClaim.NAME))
                .orElseThrow(() -> new ForbiddenException("the access token carries no valid tenant claim"));
    }
}
