package io.tokenomics.catalog.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import io.tokenomics.contract.problem.InvalidFieldsException;
import io.tokenomics.contract.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.catalog.domain.CatalogSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Specs as stored JSON documents. The stored form is canonical (the spec serialized, nulls dropped), so equal specs
 * give equal text and a diff names exactly the fields that changed.
 */
@ApplicationScoped
public class Documents {
    private final ObjectMapper strict;
    private final ObjectMapper lenient;

    @Inject
    public Documents(ObjectMapper mapper) {
        // figures keep the scale they were given with (Jackson would otherwise write 80 as 8E+1 in trees)
        this.strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        // stored documents of older revisions may carry fields a later version dropped
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    public ObjectMapper mapper() {
        return strict;
    }

    public ObjectNode canonical(CatalogSpec spec) {
        return withoutNulls(strict.valueToTree(spec));
    }

    public String text(CatalogSpec spec) {
        return canonical(spec).toString();
    }

    public ObjectNode parse(String json) {
        try {
            return (ObjectNode) lenient.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalog document is not JSON", e);
        }
    }

    public <T extends CatalogSpec> T stored(ObjectNode document, Class<T> type) {
        try {
            return lenient.treeToValue(document, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored catalog document does not fit " + type.getSimpleName(), e);
        }
    }

    /**
     * User input: every unknown field is named in one 400 ({@link InvalidFieldsException}); a wrong type fails with a
     * Jackson error naming its field (400).
     */
    public <T extends CatalogSpec> T input(ObjectNode document, Class<T> type) throws JsonProcessingException {
        List<Problem.FieldError> unknown = new ArrayList<>();
        T value;
        try {
            value = strict.readerFor(type).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                 JsonDeserializer<?> deserializer, Object bean, String property)
                    throws IOException {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                String field = pointer.isEmpty() ? property : pointer.substring(1).replace('/', '.');
                unknown.add(new Problem.FieldError(field, "unknown field"));
                parser.skipChildren();
                return true;
            }
        }).readValue(document);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidFieldsException(unknown);
        }
        return value;
    }

    public String json(Object value) {
        try {
            return strict.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode tree(Object value) {
        return strict.valueToTree(value);
    }

    /** Top-level fields whose value differs between two canonical documents. */
    public static List<String> changedFields(ObjectNode before, ObjectNode after) {
        List<String> changed = new ArrayList<>();
        after.fieldNames().forEachRemaining(f -> {
            if (!before.has(f) || !before.get(f).toString().equals(after.get(f).toString())) {
                changed.add(f);
            }
        });
        before.fieldNames().forEachRemaining(f -> {
            if (!after.has(f)) {
                changed.add(f);
            }
        });
        return changed;
    }

    public static ObjectNode withoutNulls(ObjectNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isNull()) {
                fields.remove();
            } else if (field.getValue() instanceof ObjectNode nested) {
                withoutNulls(nested);
                if (nested.isEmpty()) {
                    fields.remove();
                }
            }
        }
        return node;
    }
}
