package io.tokenomics.contract.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.Map;

/**
 * Turns envelopes into JSON text and back. Unknown attributes are ignored so that a consumer keeps working when a
 * producer adds optional fields (additive changes stay on the same {@code .v1} type).
 */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + event.type(), e);
        }
    }

    /**
     * Encodes with extension attributes added at the top level of the envelope (CloudEvents extensions, e.g. the
     * distributed-tracing {@code traceparent}); an attribute the envelope already has is not overwritten.
     */
    public static String encode(CloudEvent<?> event, Map<String, String> extensions) {
        if (extensions == null || extensions.isEmpty()) {
            return encode(event);
        }
        ObjectNode node = MAPPER.valueToTree(event);
        extensions.forEach((name, value) -> {
            if (value != null && !node.has(name)) {
                node.put(name, value);
            }
        });
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode event " + event.type(), e);
        }
    }

    /** A top-level string attribute (e.g. an extension like {@code traceparent}) of an event; null when absent or unreadable. */
    public static String attribute(String json, String name) {
        try {
            var node = MAPPER.readTree(json);
            var value = node == null ? null : node.get(name);
            return value != null && value.isTextual() ? value.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    public static <T> CloudEvent<T> decode(String json, Class<T> dataType) {
        JavaType type = MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, dataType);
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("cannot decode " + dataType.getSimpleName() + " event: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads only the {@code type} attribute, to route an event before decoding its payload. */
    public static String typeOf(String json) {
        try {
            var node = MAPPER.readTree(json);
            var type = node == null ? null : node.get("type");
            if (type == null || !type.isTextual()) {
                throw new MalformedEventException("event has no type attribute", null);
            }
            return type.asText();
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
