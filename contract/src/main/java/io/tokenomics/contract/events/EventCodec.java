package io.tokenomics.contract.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

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
