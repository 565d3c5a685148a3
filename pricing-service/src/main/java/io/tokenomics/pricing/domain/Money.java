package io.tokenomics.pricing.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/** An amount of money at a fixed scale of 6 decimal places (HALF_EVEN), in an ISO 4217 currency. */
public record Money(BigDecimal amount, String currency) {
    public static final int SCALE = 6;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code, was '" + currency + "'");
        }
        amount = amount.setScale(SCALE, ROUNDING);
    }
}
