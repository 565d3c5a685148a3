package io.tokenomics.pricing.domain;

/** How far to trust a GPU-hour rate; stored as the lower-case text in {@code rate_basis}. */
public final class RateBasis {
    /** The figure comes from a cited row of the shared reference data. */
    public static final String SOURCED = "sourced";
    /** No sourced price exists; a platform assumption, named as such. */
    public static final String ASSUMPTION = "assumption";
    /** The accelerator has no rate row; {@code pricing.default-usd-per-gpu-hour} was used. */
    public static final String DEFAULT = "default";

    private RateBasis() {
    }
}
