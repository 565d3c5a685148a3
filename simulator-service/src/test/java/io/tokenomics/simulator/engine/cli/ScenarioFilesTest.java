package io.tokenomics.simulator.engine.cli;

import io.tokenomics.simulator.engine.simulation.Scenario;
import io.tokenomics.simulator.engine.workload.ArrivalProcess;
import io.tokenomics.simulator.engine.workload.LengthDistribution;
import io.tokenomics.simulator.engine.workload.Workload;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioFilesTest {
    @Test
    void readsTheBundledScenarioAndExpandsASweepGrid() throws Exception {
        Path dir = Path.of("src/main/resources/engine/scenarios");
        Scenario s = ScenarioFiles.scenario(ScenarioFiles.read(dir.resolve("llama70b-fp8-tp4-h100.yaml")), dir);
        assertThat(s.serving().model().name()).isEqualTo("Llama 3.1 70B");
        assertThat(s.serving().parallelism().tensor()).isEqualTo(4);
        Workload.OpenLoop w = (Workload.OpenLoop) s.workload();
        assertThat(w.arrivals()).isEqualTo(new ArrivalProcess.Poisson(13));
        assertThat(w.classes().get(0).inputTokens()).isEqualTo(new LengthDistribution.LogNormal(1000, 0.5, 16, 8000));
        assertThat(w.classes().get(0).slo().ttftSeconds()).isEqualTo(2.0);

        List<Scenario> sweep = ScenarioFiles.sweep(ScenarioFiles.read(dir.resolve("sweep-1000.yaml")), dir);
        assertThat(sweep).hasSize(1000);
        assertThat(sweep.stream().map(Scenario::name).distinct().count()).isEqualTo(1000);
        assertThat(sweep.get(999).serving().accelerator().key()).isEqualTo("H200");
        assertThat(sweep.get(999).scheduler().chunkedPrefill()).isFalse();
    }

    @Test
    void jsonFilesWork() throws Exception {
        Scenario s = ScenarioFiles.scenario(ScenarioFiles.parse("""
                {"name": "j", "model": "Llama 3.1 8B", "hardware": "H100", "precision": "BF16",
                 "disaggregation": {"prefillReplicas": 1, "decodeReplicas": 2},
                 "workload": {"type": "closed", "users": 4, "thinkSeconds": 1, "requests": 10,
                   "classes": [{"input": {"type": "uniform", "min": 10, "max": 20}, "output": {"tokens": 5}}]}}
                """), Path.of("."));
        assertThat(s.disaggregation().decodeReplicas()).isEqualTo(2);
        assertThat(s.workload()).isInstanceOf(Workload.ClosedLoop.class);
    }

    @Test
    void attentionDataParallelIsAKeyOfTheParallelLayout() throws Exception {
        Scenario s = ScenarioFiles.scenario(ScenarioFiles.parse("""
                {"name": "adp", "model": "Qwen3-235B-A22B", "hardware": "B200", "precision": "FP4",
                 "tensorParallel": 8, "expertParallel": 8, "attentionDataParallel": true,
                 "workload": {"arrival": {"rate": 10}, "requests": 10, "classes": [{"input": {"tokens": 100}, "output": {"tokens": 10}}]}}
                """), Path.of("."));
        assertThat(s.serving().parallelism().attentionDataParallel()).isTrue();
        assertThat(s.serving().parallelism().attentionRanks()).isEqualTo(8);
        Scenario plain = ScenarioFiles.scenario(ScenarioFiles.read(
                Path.of("src/main/resources/engine/scenarios/llama70b-fp8-tp4-h100.yaml")), Path.of("."));
        assertThat(plain.serving().parallelism().attentionDataParallel()).isFalse();
    }

    @Test
    void speculationTakesAnAcceptanceProfileAndAnMtpHeadThatSharesTheEmbeddings() throws Exception {
        Scenario s = ScenarioFiles.scenario(ScenarioFiles.parse("""
                {"name": "spec", "model": "Llama 3.1 8B", "hardware": "H100", "precision": "FP8",
                 "speculation": {"acceptanceByPosition": [0.9, 0.8, 0.7], "draftModel": "mtp"},
                 "workload": {"arrival": {"rate": 1}, "requests": 10, "classes": [{"input": {"tokens": 100}, "output": {"tokens": 10}}]}}
                """), Path.of("."));
        assertThat(s.speculation().draftTokens()).isEqualTo(3);
        assertThat(s.speculation().acceptanceByPosition()).containsExactly(0.9, 0.8, 0.7);
        assertThat(s.speculation().tokensPerStep()).isEqualTo(1 + 0.9 + 0.9 * 0.8 + 0.9 * 0.8 * 0.7);
        assertThat(s.speculation().sharesTargetEmbeddings()).isTrue();
        assertThat(s.speculation().draftModel().layers()).isEqualTo(1);
    }
}
