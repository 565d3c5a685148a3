package io.tokenomics.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.mutiny.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /openapi}: one OpenAPI document for the whole public API, merged from the services' own documents
 * (paths and component schemas), with the gateway as the server and bearer-token security. Swagger UI at
 * {@code /q/swagger-ui} shows it. A service that is down is left out and named in the description.
 */
@ApplicationScoped
public class ApiDocumentation {
    private static final Logger LOG = Logger.getLogger(ApiDocumentation.class);

    @Inject
    BackendCall backends;
    @Inject
    ObjectMapper mapper;

    void register(@Observes Router router) {
        router.get("/openapi").handler(this::merged);
    }

    void merged(RoutingContext ctx) {
        // one document per service (several path prefixes may belong to one service)
        List<Uni<Map.Entry<Backend, JsonNode>>> documents = Arrays.stream(Backend.values())
                .filter(distinctService())
                .map(backend -> backends.send(backend, HttpMethod.GET, "/q/openapi?format=json",
                                MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json"), null)
                        .map(response -> response.statusCode() == 200 ? Map.entry(backend, parse(response.bodyAsString()))
                                : Map.entry(backend, (JsonNode) mapper.nullNode()))
                        .onFailure().recoverWithItem(e -> Map.entry(backend, mapper.nullNode())))
                .toList();
        Uni.join().all(documents).andFailFast().subscribe().with(parts -> {
            ObjectNode merged = mapper.createObjectNode();
            merged.put("openapi", "3.1.0");
            ObjectNode info = merged.putObject("info");
            info.put("title", "Tokenomics API");
            info.put("version", "v1");
            merged.putArray("servers").addObject().put("url", ctx.request().scheme() + "://" + ctx.request().authority());
            ObjectNode paths = merged.putObject("paths");
            ObjectNode schemas = merged.putObject("components").putObject("schemas");
            merged.with("components").putObject("securitySchemes").putObject("bearer")
                    .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
            merged.putArray("security").addObject().putArray("bearer");
            StringBuilder missing = new StringBuilder();
            for (Map.Entry<Backend, JsonNode> part : parts) {
                JsonNode document = part.getValue();
                if (document == null || document.isNull()) {
                    missing.append(missing.isEmpty() ? "" : ", ").append(part.getKey().service());
                    continue;
                }
                copyFields(document.path("paths"), paths, name -> name.startsWith("/api/"));
                copyFields(document.path("components").path("schemas"), schemas, name -> true);
            }
            info.put("description", missing.isEmpty() ? "All public APIs of the platform, served through the gateway."
                    : "Unavailable while this document was built: " + missing);
            try {
                ctx.response().putHeader("Content-Type", "application/json").end(mapper.writeValueAsString(merged));
            } catch (IOException e) {
                ctx.fail(e);
            }
        }, ctx::fail);
    }

    private static java.util.function.Predicate<Backend> distinctService() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return backend -> seen.add(backend.service());
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            LOG.warnf("a service returned an unreadable OpenAPI document: %s", e.getMessage());
            return mapper.nullNode();
        }
    }

    private static void copyFields(JsonNode from, ObjectNode to, java.util.function.Predicate<String> include) {
        Iterator<Map.Entry<String, JsonNode>> fields = from.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (include.test(field.getKey())) {
                to.set(field.getKey(), field.getValue());
            }
        }
    }
}
