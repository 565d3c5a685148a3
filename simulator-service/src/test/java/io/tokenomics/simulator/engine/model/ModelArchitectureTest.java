package io.tokenomics.simulator.engine.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelArchitectureTest {
    private final ModelCatalog catalog = ModelCatalog.load();

    @Test
    void llama8bParameterCountFromItsConfig() {
        ModelArchitecture m = catalog.get("Llama 3.1 8B");
        // embeddings 2 x 128256 x 4096; per layer q,o 4096^2 each, k,v 4096x1024 each, MLP 3 x 4096 x 14336
        double perLayer = 2.0 * 4096 * 4096 + 2.0 * 4096 * 1024 + 3.0 * 4096 * 14336;
        double expected = 2.0 * 128256 * 4096 + 32 * perLayer;
        assertThat(m.totalParameters()).isEqualTo(expected);
        assertThat(m.totalParameters()).isCloseTo(8.03e9, within(0.01e9));
        assertThat(m.kvValuesPerTokenPerLayer()).isEqualTo(2 * 8 * 128);
    }

    @Test
    void deepSeekV3IsAn671BMlaMoeWithALatentKvCache() {
        ModelArchitecture m = catalog.get("DeepSeek-V3");
        assertThat(m.usesMla()).isTrue();
        assertThat(m.moeLayers()).isEqualTo(58);
        assertThat(m.denseLayers()).isEqualTo(3);
        // the MTP layer is not counted: 671B main model
        assertThat(m.totalParameters()).isCloseTo(671e9, within(6e9));
        assertThat(m.activeParametersPerToken()).isCloseTo(37e9, within(1.5e9));
        // latent 512 + shared rope key 64, per layer
        assertThat(m.kvValuesPerTokenPerLayer()).isEqualTo(576);
    }

    @Test
    void moeActiveWeightFlopsPerTokenAreThreeToFiveTimesBelowEqualSizeDense() {
        // seed 003: "MoE architecture: 3-5x reduction in active FLOPs per token"; a dense model of equal total size
        // runs 2 FLOPs per weight
        for (String name : new String[]{"Mixtral 8x7B", "Mixtral 8x22B"}) {
            ModelArchitecture m = catalog.get(name);
            double denseEqualSizeFlops = 2.0 * m.totalParameters();
            double ratio = denseEqualSizeFlops / m.weightFlopsPerToken();
            assertThat(ratio).as(name).isBetween(3.0, 5.0);
        }
    }

    @Test
    void everyCatalogModelLoadsWithPositiveSizes() {
        assertThat(catalog.all()).hasSizeGreaterThanOrEqualTo(16);
        for (ModelArchitecture m : catalog.all()) {
            assertThat(m.totalParameters()).as(m.name()).isGreaterThan(1e9);
            assertThat(m.activeParametersPerToken()).as(m.name()).isLessThanOrEqualTo(m.totalParameters());
        }
        assertThat(catalog.get("Llama 4 Maverick 17B-128E").moeLayers()).isEqualTo(24);
        assertThat(catalog.get("gpt-oss-120b").slidingWindowLayers()).isEqualTo(18);
    }

    @Test
    void llama4RunsOneSharedExpertBesideItsRoutedOneAndSoHas17BActive() {
        ModelCatalog catalog = ModelCatalog.load();
        for (String name : new String[]{"Llama 4 Scout", "Llama 4 Maverick"}) {
            ModelArchitecture m = catalog.get(name);
            assertThat(m.sharedExperts()).as(name).isEqualTo(1);
            assertThat(m.expertsPerToken()).as(name).isEqualTo(1);
            // 17B active as named: 16.1 B of layers, routers and LM head (+ the 1.03 B embedding lookup)
            assertThat(m.activeParametersPerToken() / 1e9).as(name).isCloseTo(16.1, within(0.1));
        }
        // a model whose row states its shared experts keeps them; Qwen3 states none
        assertThat(catalog.get("Qwen3-235B-A22B").sharedExperts()).isZero();
        assertThat(catalog.get("DeepSeek-V3").sharedExperts()).isEqualTo(1);
    }
}
