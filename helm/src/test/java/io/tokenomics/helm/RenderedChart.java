package io.tokenomics.helm;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The manifests of one {@code helm template} run, each parsed strictly: a field the Kubernetes model does not know
 * (a typo in a template, a field at the wrong level) fails instead of landing in the model's catch-all map.
 */
final class RenderedChart {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Pod", Pod.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    final List<HasMetadata> typed = new ArrayList<>();
    /** Custom resources (KEDA, Strimzi) that the core model has no class for. */
    final List<JsonNode> custom = new ArrayList<>();

    static RenderedChart parse(String manifests) throws IOException {
        RenderedChart chart = new RenderedChart();
        try (YAMLParser parser = new YAMLFactory().createParser(manifests)) {
            for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                    continue;
                }
                String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
                Class<? extends HasMetadata> type = TYPED.get(key);
                if (type == null) {
                    if (!key.startsWith("keda.sh/") && !key.startsWith("kafka.strimzi.io/")) {
                        throw new IllegalStateException("unexpected kind in the chart: " + key);
                    }
                    chart.custom.add(document);
                    continue;
                }
                HasMetadata resource = YAML.treeToValue(document, type);
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(resource, key + " " + document.path("metadata").path("name").asText(), unknown);
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("fields unknown to the Kubernetes model: " + unknown);
                }
                chart.typed.add(resource);
            }
        }
        return chart;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return typed.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<JsonNode> custom(String kind) {
        return custom.stream().filter(n -> kind.equals(n.path("kind").asText())).toList();
    }

    /** fabric8 models keep unknown properties in getAdditionalProperties(); any entry there is a field Kubernetes rejects. */
    static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method method : node.getClass().getMethods()) {
            if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                    || !method.getName().startsWith("get") || method.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = method.invoke(node);
                if (method.getName().equals("getAdditionalProperties")) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + ": " + extra.keySet());
                    }
                } else {
                    collectUnknownFields(value, path + "." + method.getName().substring(3), unknown);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static ObjectNode readYaml(java.nio.file.Path file) throws IOException {
        return (ObjectNode) YAML.readTree(file.toFile());
    }
}
