package io.tokenomics.contract.tenancy;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The tenant of the caller, taken only from the validated access token (never from a request header). Services get
 * this bean through the contract jar's bean archive.
 */
@RequestScoped
public class CallerTenant {
    @Inject
    JsonWebToken token;

    public String id() {
        return TenantClaim.parse(token.getClaim(TenantClaim.NAME))
                .orElseThrow(() -> new ForbiddenException("the access token carries no valid tenant claim"));
    }
}
