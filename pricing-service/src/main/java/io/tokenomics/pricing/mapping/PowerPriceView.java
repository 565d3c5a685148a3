package io.tokenomics.pricing.mapping;

import io.tokenomics.pricing.domain.PowerPrice;

import java.math.BigDecimal;

public record PowerPriceView(String region, BigDecimal usdPerKwh, String basis, String description, String source) {
    public static PowerPriceView of(PowerPrice p) {
        return new PowerPriceView(p.region, p.usdPerKwh, p.basis, p.description, p.source);
    }
}
