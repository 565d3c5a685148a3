package io.tokenomics.simulator.engine.calibration;

import io.tokenomics.simulator.engine.hardware.AcceleratorCatalog;
import io.tokenomics.simulator.engine.performance.KernelProfile;
import io.tokenomics.simulator.engine.performance.KernelTimeModel;
import io.tokenomics.simulator.engine.performance.OperatorFamily;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProfileFitterTest {
    @Test
    void fitScoresEveryRowOnParametersThatNeverSawItsShape() throws Exception {
        var data = OperatorMeasurement.loadResource("engine/data/h100-op-profile.jsonl");
        assertThat(data.rows()).hasSize(196);
        var result = new ProfileFitter(AcceleratorCatalog.load().get("H100"), data, "test").fit();
        assertThat(result.scored()).hasSize(196);
        // physical sanity of the fitted parameters
        KernelProfile p = result.profile();
        assertThat(p.gemmBandwidthFraction()).isBetween(0.7, 1.0);
        assertThat(p.decodeAttentionBandwidthFraction()).isBetween(0.7, 1.0);
        assertThat(p.gemmCeilingFractionBf16()).isBetween(0.8, 1.05);
        assertThat(p.elementwiseBandwidthFraction()).isCloseTo(3.0120337415025262 / 3.35, within(1e-9));
        // held-out scoring is honest: never better than scoring on the fitted rows themselves, overall
        double[] loso = result.scored().stream().mapToDouble(s -> Math.abs(s.heldOutError())).toArray();
        double[] fitted = result.scored().stream().mapToDouble(s -> Math.abs(s.fittedError())).toArray();
        assertThat(ProfileFitter.percentile(loso, 50)).isGreaterThanOrEqualTo(ProfileFitter.percentile(fitted, 50) * 0.95)
                .isLessThan(0.10);
        assertThat(p.residual(OperatorFamily.GEMM).measured()).isTrue();
        // two hold-out definitions: an exact GEMM shape (M, N, K; both dtypes) vs a whole weight matrix (all M)
        assertThat(data.rows().stream().filter(r -> r.family() == OperatorFamily.GEMM)
                .map(OperatorMeasurement::exactShapeKey).distinct().count()).isEqualTo(96);
        assertThat(data.rows().stream().filter(r -> r.family() == OperatorFamily.GEMM)
                .map(OperatorMeasurement::shapeKey).distinct().count()).isEqualTo(8);
        for (var s : result.scored()) {
            assertThat(s.heldOutShapeSeconds()).as(s.row().label()).isPositive().isFinite();
            if (s.row().family() != OperatorFamily.GEMM) {
                // attention shapes are held out the same way under both definitions
                assertThat(s.heldOutShapeSeconds()).as(s.row().label()).isEqualTo(s.heldOutSeconds());
            }
        }
        // the profile survives a write/read round trip
        StringWriter w = new StringWriter();
        p.write(w, "test");
        Properties props = new Properties();
        props.load(new StringReader(w.toString()));
        assertThat(KernelProfile.fromProperties(props).gemmHalfEfficiencyTokens())
                .isCloseTo(p.gemmHalfEfficiencyTokens(), within(p.gemmHalfEfficiencyTokens() * 1e-5));
    }

    @Test
    void causalPrefillCountsTheDiagonalTilesTheKernelComputesWhole() {
        KernelProfile profile = KernelProfile.loadDefault();
        assertThat(profile.prefillAttentionTileRows()).isEqualTo(128);
        var km = new KernelTimeModel(AcceleratorCatalog.load().get("H100"), profile);
        // FlashAttention-2 forward, head dim 128 on sm90: 128 query rows x 64 keys per tile; a causal kernel runs, for
        // query block i, every key block up to the diagonal, whole
        for (int s : new int[]{128, 512, 2048, 8192, 32768}) {
            long tiles = 0;
            for (int i = 0; i < s / 128; i++) {
                tiles += (long) Math.ceil(Math.min(s, (i + 1) * 128) / 64.0);
            }
            assertThat(s * (s + 1) / 2.0 + km.causalDiagonalTilePairs(s)).as("s=" + s).isEqualTo(tiles * 128 * 64.0);
        }
        assertThat(km.causalDiagonalTilePairs(0)).isZero();
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        assertThat(ProfileFitter.percentile(new double[]{4, 1, 3, 2}, 50)).isEqualTo(2.5);
        assertThat(ProfileFitter.percentile(new double[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90)).isCloseTo(9.1, within(1e-12));
    }
}
