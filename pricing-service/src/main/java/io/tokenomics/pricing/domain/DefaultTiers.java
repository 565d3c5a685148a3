package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.util.List;

/**
 * The default tier table: prices Free, $3, $6, $45 and $150 per million output tokens span the seeds' "from free to
 * $150 per million tokens" (free/$3/$6: shared/data/prices.csv row ai_factory_tier 'GTC 2026 keynote token pricing
 * tiers', reliability low; $45 and $150: the brief, NOT FOUND in a stored source). The interactivity floors
 * (tokens/s per user) are ILLUSTRATIVE defaults chosen by us, not sourced figures: tenants are expected to edit them.
 */
public final class DefaultTiers {
    public static final List<Tier> TIERS = List.of(
            tier("Free", "0", "10"),
            tier("Standard", "3", "20"),
            tier("Fast", "6", "50"),
            tier("Premium", "45", "150"),
            tier("Ultra", "150", "400"));

    private DefaultTiers() {
    }

    private static Tier tier(String name, String price, String floor) {
        return new Tier(name, new BigDecimal(price), null, new BigDecimal(floor), null, null, null);
    }
}
