package io.tokenomics.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lints and renders the chart with an embedded Helm for the defaults and every file in ci/, and checks invariants. */
class ChartTest {
    static final Path CHART = Path.of("tokenomics").toAbsolutePath();
    static final List<String> SERVICES = List.of("gateway", "catalog", "simulator", "pricing");

    static Stream<Path> valueFiles() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            List<Path> list = new ArrayList<>(files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
            list.add(0, CHART.resolve("values.yaml"));
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void lintsClean(Path values) throws IOException {
        // lint takes no values file: lint a copy of the chart whose values.yaml is the defaults merged with the file
        Path copy = chartCopyWith(values);
        try {
            LintResult result = new Helm(copy).lint().strict().call();
            assertThat(result.isFailed()).as("lint with %s: %s", values.getFileName(), result.getMessages()).isFalse();
        } finally {
            delete(copy);
        }
    }

    @ParameterizedTest
    @MethodSource("valueFiles")
    void rendersStrictlyValidManifestsWithTheInvariants(Path values) throws IOException {
        RenderedChart chart = render(values);

        List<Deployment> deployments = chart.all(Deployment.class);
        assertThat(deployments).hasSize(4);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
                    .as(name).containsKeys("checksum/config", "checksum/secret-refs");
            assertThat(pod.getVolumes()).as(name).anySatisfy(v -> {
                assertThat(v.getEmptyDir()).isNotNull();
                assertThat(pod.getContainers().get(0).getVolumeMounts())
                        .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
            });
            for (Container container : pod.getContainers()) {
                assertThat(container.getStartupProbe()).as(name + " startup probe").isNotNull();
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
                assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
                assertResourcesAndRestricted(name, pod.getSecurityContext(), container);
            }
            assertThat(chart.all(PodDisruptionBudget.class)).as(name + " has a PDB")
                    .anyMatch(pdb -> selects(pdb.getSpec().getSelector(), podLabels));
            assertThat(chart.all(NetworkPolicy.class)).as(name + " has its own NetworkPolicy")
                    .anyMatch(np -> np.getSpec().getPodSelector().getMatchLabels().containsKey("app.kubernetes.io/component")
                            && selects(np.getSpec().getPodSelector(), podLabels) && !np.getSpec().getIngress().isEmpty());
            assertThat(chart.all(NetworkPolicy.class)).as("default deny covers " + name)
                    .anyMatch(np -> np.getMetadata().getName().endsWith("-default-deny")
                            && selects(np.getSpec().getPodSelector(), podLabels)
                            && np.getSpec().getIngress().isEmpty() && np.getSpec().getEgress().isEmpty()
                            && np.getSpec().getPolicyTypes().containsAll(List.of("Ingress", "Egress")));
        }
        for (Pod pod : chart.all(Pod.class)) {
            for (Container container : pod.getSpec().getContainers()) {
                assertResourcesAndRestricted(pod.getMetadata().getName(), pod.getSpec().getSecurityContext(), container);
            }
        }
        assertThat(chart.all(Ingress.class)).allSatisfy(ingress ->
                assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                        .endsWith("-gateway"));
    }

    @Test
    void productionScalesSimulatorWorkersOnKafkaLagAndPinsDigests() throws IOException {
        RenderedChart chart = render(CHART.resolve("ci/production-values.yaml"));

        List<JsonNode> scaledObjects = chart.custom("ScaledObject");
        assertThat(scaledObjects).hasSize(1);
        JsonNode scaled = scaledObjects.get(0);
        assertThat(scaled.at("/spec/triggers/0/type").asText()).isEqualTo("kafka");
        assertThat(scaled.at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("simulator-workers");
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).isLessThanOrEqualTo(12);
        assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getMetadata().getName())
                .noneMatch(n -> n.endsWith("-simulator"))
                .anyMatch(n -> n.endsWith("-gateway")).anyMatch(n -> n.endsWith("-catalog")).anyMatch(n -> n.endsWith("-pricing"));
        assertThat(chart.all(Deployment.class)).allSatisfy(d ->
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).contains("@sha256:"));
        assertThat(chart.custom("KafkaTopic")).extracting(t -> t.at("/spec/topicName").asText())
                .containsExactlyInAnyOrder("simulation.requests", "simulation.results", "catalog.changes",
                        "simulation.requests.dlq", "pricing.quotes");
    }

    @Test
    void theValuesFileOfTokenomicsImagesPinsEveryImageByDigest() throws IOException {
        // the layout devstack/images/images.sh writes to target/images/values-images.yaml
        StringBuilder values = new StringBuilder("""
                image:
                  registry: 127.0.0.1:5000
                  repositoryPrefix: tokenomics
                  tag: "0.1.0-SNAPSHOT-gc7ff2f32c66a"
                services:
                """);
        Map<String, String> modules = Map.of("gateway", "gateway", "catalog", "catalog-service",
                "simulator", "simulator-service", "pricing", "pricing-service");
        modules.forEach((key, module) -> values.append("  %s:\n    image:\n      name: %s\n      digest: \"sha256:%s\"\n"
                .formatted(key, module, String.format("%08x", module.hashCode()).repeat(8))));
        Path file = Files.createTempFile("values-images-", ".yaml");
        try {
            Files.writeString(file, values);
            RenderedChart chart = render(file);
            assertThat(chart.all(Deployment.class)).hasSize(4).allSatisfy(d -> {
                Container container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
                assertThat(container.getImage()).matches(
                        "127\\.0\\.0\\.1:5000/tokenomics/[a-z-]+:0\\.1\\.0-SNAPSHOT-gc7ff2f32c66a@sha256:[0-9a-f]{64}");
                // the Debian base starts plain java, which reads its options from JDK_JAVA_OPTIONS
                assertThat(container.getEnv()).anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("JDK_JAVA_OPTIONS");
                    assertThat(e.getValue()).contains("-Djava.io.tmpdir=/tmp");
                });
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void defaultsUseAPlainHpaForSimulatorWorkers() throws IOException {
        RenderedChart chart = render(CHART.resolve("values.yaml"));
        assertThat(chart.custom("ScaledObject")).isEmpty();
        assertThat(chart.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getMetadata().getName())
                .anyMatch(n -> n.endsWith("-simulator"));
    }

    @Test
    void theSchemaRejectsAMisspelledKey() throws IOException {
        assertRejected("ingress:\n  enabled: true\n  hostname: typo.example.com\n", "hostname");
        assertRejected("servces: {}\n", "servces");
        assertRejected("services:\n  gateway:\n    replcas: 3\n", "replcas");
    }

    @Test
    void theSchemaAndTemplatesRejectUnsafeOrImpossibleValues() throws IOException {
        assertRejected("image:\n  tag: latest\n", "tag");
        assertRejected("services:\n  gateway:\n    image: {name: gateway, digest: \"sha256:abc\"}\n", "digest");
        assertRejected("image:\n  pullPolicy: Sometimes\n", "pullPolicy");
        assertRejected("""
                services:
                  simulator:
                    autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 20, targetCPUUtilizationPercentage: 70, keda: {enabled: true}}
                """, "partitions");
    }

    private static void assertRejected(String valuesYaml, String mentioned) throws IOException {
        Path file = Files.createTempFile("values-", ".yaml");
        try {
            Files.writeString(file, valuesYaml);
            assertThatThrownBy(() -> new Helm(CHART).template().withName("tk").withKubeVersion("1.31.0").withValuesFile(file).call())
                    .hasMessageContaining(mentioned);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void assertResourcesAndRestricted(String owner, PodSecurityContext podSecurity, Container container) {
        String image = container.getImage();
        assertThat(image).as(owner + " image").matches(".+(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[a-f0-9]{64})$")
                .doesNotEndWith(":latest");
        assertThat(container.getResources().getRequests()).as(owner + " requests").containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).as(owner + " limits").containsKey("memory");
        SecurityContext sc = container.getSecurityContext();
        assertThat(sc).as(owner + " securityContext").isNotNull();
        assertThat(sc.getAllowPrivilegeEscalation()).as(owner).isFalse();
        assertThat(sc.getReadOnlyRootFilesystem()).as(owner).isTrue();
        assertThat(sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podSecurity.getRunAsNonRoot()).as(owner).isTrue();
        assertThat(sc.getCapabilities().getDrop()).as(owner).containsExactly("ALL");
        String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                : podSecurity.getSeccompProfile().getType();
        assertThat(seccomp).as(owner).isEqualTo("RuntimeDefault");
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    static RenderedChart render(Path values) throws IOException {
        String manifests = new Helm(CHART).template().withName("tk").withNamespace("tokenomics").withKubeVersion("1.31.0")
                .withValuesFile(values).call();
        assertThat(manifests).isNotBlank();
        return RenderedChart.parse(manifests);
    }

    private static Path chartCopyWith(Path values) throws IOException {
        Path copy = Files.createTempDirectory("chart-").resolve("tokenomics");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ObjectNode merged = RenderedChart.readYaml(CHART.resolve("values.yaml"));
        merge(merged, RenderedChart.readYaml(values));
        RenderedChart.YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        return copy;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing instanceof ObjectNode target && field.getValue() instanceof ObjectNode source) {
                merge(target, source);
            } else {
                into.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir.getParent())) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
