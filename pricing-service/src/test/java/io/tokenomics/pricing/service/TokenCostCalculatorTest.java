package io.tokenomics.pricing.service;

import io.tokenomics.pricing.domain.CostParts;
import io.tokenomics.pricing.domain.Money;
import io.tokenomics.pricing.domain.TcoAssumptions;
import io.tokenomics.pricing.domain.TokenCost;
import io.tokenomics.pricing.domain.TokenCostRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenCostCalculatorTest {

    @Test
    void oneGpuAtTwoDollarsAnHourAndAHundredTokensPerSecond() {
        // 2 USD/h / 3600 s/h = 0.000555... USD/s; / 100 tok/s = 0.00000555... USD/tok; x 1e6 = 5.5555... USD/M
        Money cost = TokenCostCalculator.perMillionOutputTokens(new BigDecimal("2.00"), "USD", 1, 100);

        assertThat(cost).isEqualTo(new Money(new BigDecimal("5.555556"), "USD"));
        assertThat(cost.amount().scale()).isEqualTo(6);
    }

    @Test
    void chargesEveryAcceleratorOfTheReplica() {
        // 2 USD/h x 2 GPUs = 4 USD/h; 123.4 tok/s x 3600 = 444240 tok/h; 4 / 444240 x 1e6 = 9.0041419...
        assertThat(TokenCostCalculator.perMillionOutputTokens(new BigDecimal("2.0000"), "USD", 2, 123.4).amount())
                .isEqualTo(new BigDecimal("9.004142"));
        // 3.5 USD/h x 8 GPUs = 28 USD/h; 1000 tok/s x 3600 = 3.6e6 tok/h; 28 / 3.6 = 7.7777...
        assertThat(TokenCostCalculator.perMillionOutputTokens(new BigDecimal("3.5"), "USD", 8, 1000).amount())
                .isEqualTo(new BigDecimal("7.777778"));
    }

    @Test
    void roundsOnceHalfToEven() {
        // 0.0036 USD/h x 1e6 / (3600 x 80000) = 0.0000125 exactly: half-even keeps the even 2, half-up would give 13
        assertThat(TokenCostCalculator.perMillionOutputTokens(new BigDecimal("0.0036"), "USD", 1, 80_000).amount())
                .isEqualTo(new BigDecimal("0.000012"));
        // 0.0000375 rounds to the even 8
        assertThat(TokenCostCalculator.perMillionOutputTokens(new BigDecimal("0.0036"), "USD", 3, 80_000).amount())
                .isEqualTo(new BigDecimal("0.000038"));
    }

    @Test
    void refusesFiguresThatCannotBePriced() {
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(BigDecimal.TWO, "USD", 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(BigDecimal.TWO, "USD", 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(BigDecimal.TWO, "USD", 1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(BigDecimal.TWO, "USD", 0, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(new BigDecimal("-1"), "USD", 1, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionOutputTokens(BigDecimal.TWO, "usd", 1, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void splitsTheGpuHourPerMillionTokensOfAReplica() {
        // 4 GPUs x 2.00 USD/h over 1000 output tok/s: 8 / 3600 / 1000 x 1e6 = 2.2222...; over 4000 tok/s: 0.5555...
        TokenCost cost = TokenCostCalculator.tokenCost(new TokenCostRequest(TcoAssumptions.rented(new BigDecimal("2.00")),
                null, 4, new BigDecimal("1000"), new BigDecimal("4000")), "USD", null);
        assertThat(cost.perMillionOutputTokens()).isEqualTo(new CostParts(new BigDecimal("0.000000"),
                new BigDecimal("0.000000"), new BigDecimal("0.000000"), new BigDecimal("2.222222"), new BigDecimal("2.222222")));
        assertThat(cost.perMillionTokens().total()).isEqualTo(new BigDecimal("0.555556"));
        assertThat(cost.usdPerGpuHour().total()).isEqualTo(new BigDecimal("2.000000"));
        // own hardware (TcoCalculatorTest.own, 1.3682297 USD/h), 4 GPUs at 20,000 tok/s: part / 18. Rounded on their
        // own the parts would sum to 0.076012 against the total 0.076013; the split gives the unit to energy, whose
        // remainder is the largest (0.0033973 -> 0.003398), so the parts sum exactly to the total
        TokenCost own = TokenCostCalculator.tokenCost(new TokenCostRequest(TcoCalculatorTest.own("0"), null, 4,
                new BigDecimal("20000"), new BigDecimal("20000")), "USD", null);
        assertThat(own.perMillionOutputTokens()).isEqualTo(new CostParts(new BigDecimal("0.058663"),
                new BigDecimal("0.003398"), new BigDecimal("0.013952"), new BigDecimal("0.000000"), new BigDecimal("0.076013")));
        assertThat(own.perMillionTokens()).isEqualTo(own.perMillionOutputTokens());
        assertThat(TokenCostCalculator.tokenCost(new TokenCostRequest(TcoAssumptions.rented(BigDecimal.ONE), null, 1,
                BigDecimal.TEN, null), "USD", "default").perMillionTokens()).isNull();
        assertThatThrownBy(() -> TokenCostCalculator.perMillionTokensFactor(0, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenCostCalculator.perMillionTokensFactor(1, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
