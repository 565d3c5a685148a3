package io.tokenomics.contract.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error a service returns is RFC 9457 problem+json: bad JSON and failed validation name the offending field,
 * known HTTP errors keep their status, and anything unexpected becomes a logged 500 without internals.
 */
public final class ProblemExceptionMappers {
    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    private ProblemExceptionMappers() {
    }

    @Provider
    public static class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
            return ProblemResponses.of(Problem.of(400, "validation", "Invalid request", detail, errors), uriInfo);
        }

        /** The property path without the method (and parameter) names the validator prefixes it with. */
        static String fieldOf(ConstraintViolation<?> violation) {
            List<String> names = new ArrayList<>();
            List<Path.Node> nodes = new ArrayList<>();
            violation.getPropertyPath().forEach(nodes::add);
            for (int i = 0; i < nodes.size(); i++) {
                Path.Node node = nodes.get(i);
                boolean leaf = i == nodes.size() - 1;
                // a method parameter names the field only when the violation is on the parameter itself
                if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                        || node.getKind() == ElementKind.RETURN_VALUE
                        || (node.getKind() == ElementKind.PARAMETER && !leaf)) {
                    continue;
                }
                // Hibernate Validator puts an element's index (or key) on the node *inside* the element:
                // configurations[0].pue arrives as nodes "configurations" then "pue"(inIterable, index 0)
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (node.isInIterable() && position != null) {
                    String owner = names.isEmpty() ? "" : names.remove(names.size() - 1);
                    names.add(owner + "[" + position + "]");
                }
                String name = node.getName();
                if (name != null && !name.isEmpty() && !name.startsWith("<")) {
                    names.add(name);
                }
            }
            return names.isEmpty() ? "body" : String.join(".", names);
        }
    }

    @Provider
    public static class InvalidFieldMapper implements ExceptionMapper<InvalidFieldException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(InvalidFieldException e) {
            return ProblemResponses.of(Problem.of(400, "validation", "Invalid request", e.field() + ": " + e.getMessage(),
                    List.of(new Problem.FieldError(e.field(), e.getMessage()))), uriInfo);
        }
    }

    @Provider
    public static class InvalidFieldsMapper implements ExceptionMapper<InvalidFieldsException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(InvalidFieldsException e) {
            return ProblemResponses.of(Problem.of(400, "validation", "Invalid request", e.getMessage(), e.errors()),
                    uriInfo);
        }
    }

    @Provider
    public static class JsonParseMapper implements ExceptionMapper<JsonParseException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonParseException e) {
            String detail = "Malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage();
            return ProblemResponses.of(Problem.of(400, "malformed-json", "Malformed JSON", detail,
                    List.of(new Problem.FieldError("body", e.getOriginalMessage()))), uriInfo);
        }
    }

    @Provider
    public static class JsonMappingMapper implements ExceptionMapper<JsonMappingException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(JsonMappingException e) {
            return ProblemResponses.of(JsonProblems.of(e), uriInfo);
        }
    }

    /** Quarkus registers a built-in mapper for this subtype; ours must be at least as specific to win. */
    @Provider
    public static class MismatchedInputMapper implements ExceptionMapper<MismatchedInputException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(MismatchedInputException e) {
            return ProblemResponses.of(JsonProblems.of(e), uriInfo);
        }
    }

    @Provider
    public static class InvalidFormatMapper implements ExceptionMapper<InvalidFormatException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(InvalidFormatException e) {
            return ProblemResponses.of(JsonProblems.of(e), uriInfo);
        }
    }

    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (e.getCause() instanceof JsonProcessingException json) {
                return json instanceof JsonMappingException mapping
                        ? ProblemResponses.of(JsonProblems.of(mapping), uriInfo)
                        : ProblemResponses.of(Problem.of(400, "malformed-json", "Malformed JSON", json.getOriginalMessage(),
                        List.of(new Problem.FieldError("body", json.getOriginalMessage()))), uriInfo);
            }
            Response.StatusType statusInfo = Response.Status.fromStatusCode(status);
            String title = statusInfo == null ? "HTTP " + status : statusInfo.getReasonPhrase();
            Response response = ProblemResponses.of(
                    Problem.of(status, slug(title), title, e.getMessage(), List.of()), uriInfo);
            // keep headers such as Retry-After or Allow
            Response.ResponseBuilder builder = Response.fromResponse(response);
            e.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
    }

    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Exception> {
        @Context
        UriInfo uriInfo;

        @Override
        public Response toResponse(Exception e) {
            if (e instanceof WebApplicationException wae) {
                return new WebApplicationMapper().toResponse(wae);
            }
            LOG.error("Unexpected error", e);
            return ProblemResponses.of(Problem.of(500, "internal", "Internal Server Error",
                    "The request could not be processed; the error was logged.", List.of()), uriInfo);
        }
    }

    static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static final class JsonProblems {
        private JsonProblems() {
        }

        static Problem of(JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (e instanceof UnrecognizedPropertyException unknown) {
                field = field.isEmpty() ? unknown.getPropertyName() : field;
            }
            if (field.isEmpty()) {
                field = "body";
            }
            String message;
            if (e instanceof InvalidFormatException invalid) {
                message = "cannot accept value '" + invalid.getValue() + "'"
                        + (invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                        ? ", expected one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                        : " as " + (invalid.getTargetType() == null ? "this type" : invalid.getTargetType().getSimpleName()));
            } else if (e instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
                message = vie.getCause().getMessage();
            } else {
                message = e.getOriginalMessage();
            }
            return Problem.of(400, "invalid-json", "Invalid request body", field + ": " + message,
                    List.of(new Problem.FieldError(field, message)));
        }
    }
}
