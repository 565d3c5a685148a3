package io.tokenomics.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void parsesThePinnedReferencesThatImagesWrites() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/tokenomics/catalog-service:0.1.0-SNAPSHOT-gc7ff2f3a1b2c@" + DIGEST);
        assertThat(ref.registry()).isEqualTo("127.0.0.1:5000");
        assertThat(ref.repository()).isEqualTo("tokenomics/catalog-service");
        assertThat(ref.tag()).isEqualTo("0.1.0-SNAPSHOT-gc7ff2f3a1b2c");
        assertThat(ref.digest()).isEqualTo(DIGEST);
        assertThat(ref).hasToString("127.0.0.1:5000/tokenomics/catalog-service:0.1.0-SNAPSHOT-gc7ff2f3a1b2c@" + DIGEST);
    }

    @Test
    void refusesLatestAMissingDigestOrAMissingRegistry() {
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/tokenomics/gateway:latest@" + DIGEST))
                .hasMessageContaining("latest");
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/tokenomics/gateway:0.1.0"))
                .hasMessageContaining("pinned");
        assertThatThrownBy(() -> ImageReference.parse("gateway:0.1.0@" + DIGEST)).hasMessageContaining("pinned");
        assertThatThrownBy(() -> ImageReference.parse("registry.example.com/tokenomics/gateway:0.1.0@sha256:abc"))
                .hasMessageContaining("pinned");
    }

    @Test
    void hashesLikeTheRegistryDoes() {
        assertThat(RegistryPull.sha256("".getBytes()))
                .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
