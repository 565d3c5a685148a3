package io.tokenomics.catalog.domain;

import io.tokenomics.catalog.service.SeedCatalog;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed catalog reads every shared-data row, keeps sources, and can reproduce the efficiency table of seed 002. */
class SeedCatalogTest {
    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void everyAcceleratorRowIsSeededWithItsSourcesAndEmptyCellsStayEmpty() {
        Map<String, AcceleratorSpec> accelerators = SeedCatalog.accelerators();
        assertThat(accelerators).hasSize(24).containsKeys("H100", "H200", "B200", "GB200", "MI300X", "TPU7X", "L40S");
        accelerators.forEach((id, a) -> {
            assertThat(a.sourceSummary()).as(id).isNotBlank();
            assertThat(validator.validate(a)).as(id).isEmpty();
        });
        AcceleratorSpec h100 = accelerators.get("H100");
        assertThat(h100.memoryBandwidthTbps()).isEqualByComparingTo("3.35");
        assertThat(h100.fp4DenseTflops()).isNull();
        assertThat(h100.mamfBf16Tflops()).isEqualByComparingTo("794.5");
        assertThat(accelerators.get("ASCEND910C").memoryGb()).isNull(); // not reliably published: left empty
        assertThat(accelerators.get("TRN2").memoryGb()).isEqualByComparingTo("96");
        assertThat(accelerators.get("TRN2").memoryNote()).contains("GiB");
        assertThat(accelerators.get("RUBIN").status()).isEqualTo(AcceleratorSpec.AcceleratorStatus.ANNOUNCED);
        assertThat(accelerators.get("GB200").scaleUpDomainSize()).isEqualTo(72);
        assertThat(accelerators.get("H200").listPriceUsd()).isEqualByComparingTo("32000");
    }

    @Test
    void everyModelRowPlusTheEfficiencyTableModelsIsSeeded() {
        Map<String, ModelSpec> models = SeedCatalog.models();
        assertThat(models.size()).isGreaterThanOrEqualTo(21);
        models.forEach((id, m) -> {
            assertThat(m.sourceSummary()).as(id).isNotBlank();
            assertThat(validator.validate(m)).as(id).isEmpty();
        });
        assertThat(models.get("deepseek-v3").attention()).isEqualTo(ModelSpec.AttentionKind.MLA);
        assertThat(models.get("llama-3.1-70b").attention()).isEqualTo(ModelSpec.AttentionKind.GQA);
        assertThat(models.get("llama-3-70b").hasArchitecture()).isTrue();
        assertThat(models.get("claude-3.5-sonnet").hasArchitecture()).isFalse();
    }

    @Test
    void theEfficiencyScoresOfSeed002FollowFromTheCatalog() {
        // seed 002: MMLU points per USD per million tokens
        Map<String, String> published = new LinkedHashMap<>();
        published.put("gpt-4o", "17.7");
        published.put("claude-3.5-sonnet", "29.4");
        published.put("gemini-1.5-pro", "24.7");
        published.put("ernie-4.0-turbo", "68.4");
        published.put("llama-3-70b", "139.0");
        published.put("mixtral-8x7b", "353.0");
        Map<String, ModelSpec> models = SeedCatalog.models();
        published.forEach((id, score) -> {
            ModelSpec m = models.get(id);
            BigDecimal efficiency = m.mmlu().divide(m.priceUsdPerMillionTokens(), 1, RoundingMode.HALF_UP);
            assertThat(efficiency).as(id).isEqualByComparingTo(score);
            assertThat(m.mmluSource()).contains("002_c5cd58bea1a7a16b");
        });
    }

    @Test
    void systemsAndQuantizationsAreValidAndCiteTheirSources() {
        assertThat(SeedCatalog.systems()).containsOnlyKeys("dgx-h100", "gb200-nvl72", "cloudmatrix-384");
        SeedCatalog.systems().forEach((id, s) -> assertThat(validator.validate(s)).as(id).isEmpty());
        assertThat(SeedCatalog.systems().get("gb200-nvl72").acceleratorCount()).isEqualTo(72);
        assertThat(SeedCatalog.systems().get("cloudmatrix-384").pueDefault()).isNull();
        SeedCatalog.quantizations().forEach((id, q) -> assertThat(validator.validate(q)).as(id).isEmpty());
    }
}
