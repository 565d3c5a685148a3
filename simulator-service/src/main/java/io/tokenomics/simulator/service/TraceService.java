package io.tokenomics.simulator.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.tokenomics.contract.problem.InvalidFieldException;
import io.tokenomics.simulator.config.SimulatorConfig;
import io.tokenomics.simulator.domain.RequestTrace;
import io.tokenomics.simulator.domain.RequestTraceContent;
import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.TraceReplay;
import io.tokenomics.simulator.mapping.TraceView;
import io.tokenomics.simulator.repository.RequestTraceContentRepository;
import io.tokenomics.simulator.repository.RequestTraceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Request traces: uploaded as a stream (to a temporary file, counted against {@code simulator.traces.max-bytes}),
 * checked line by line with the engine's own {@link TraceReplay} (what is stored is what a scenario can replay),
 * summarised, and stored for the caller's tenant. Scenarios name them in {@code workload.traceId}.
 */
@ApplicationScoped
public class TraceService {
    public static final String CSV = "csv";
    public static final String JSONL = "jsonl";

    @Inject
    RequestTraceRepository traces;
    @Inject
    RequestTraceContentRepository contents;
    @Inject
    SimulatorConfig config;

    /** Blocking (reads the body): call on a worker thread. */
    public TraceView upload(InputStream body, String format, String name, String tenant, String user) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidFieldException("name", "1 to 200 characters (query parameter)");
        }
        Path file = null;
        try {
            file = Files.createTempFile("trace-", "." + format);
            long bytes = copyCapped(body, file, config.traces().maxBytes());
            if (bytes == 0) {
                throw new InvalidFieldException("trace", "the body is empty: send the trace lines");
            }
            String content;
            try {
                content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            } catch (CharacterCodingException e) {
                throw new InvalidFieldException("trace", "not UTF-8 text");
            }
            RequestTrace trace = summarize(content, format);
            trace.id = UUID.randomUUID().toString();
            trace.tenant = tenant;
            trace.name = name;
            trace.format = format;
            trace.bytes = bytes;
            trace.createdBy = user;
            trace.createdAt = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
            RequestTraceContent lines = new RequestTraceContent();
            lines.traceId = trace.id;
            lines.content = content;
            await(() -> Panache.withTransaction(() -> traces.persist(trace).chain(() -> contents.persist(lines))));
            return TraceView.of(trace);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }

    /** Every request of the trace read as the engine will read it; the first fault is the 400's detail. */
    static RequestTrace summarize(String content, String format) {
        RequestTrace t = new RequestTrace();
        long n = 0;
        double inputSum = 0;
        double outputSum = 0;
        try (TraceReplay replay = new TraceReplay(new java.io.StringReader(content), JSONL.equals(format), 1)) {
            Request r;
            while ((r = replay.next()) != null) {
                if (!Double.isFinite(r.arrivalTime()) || r.arrivalTime() < 0) {
                    throw new IllegalArgumentException("request " + (n + 1) + ": timestamp must be a number >= 0");
                }
                if (r.inputTokens() < 1 || r.outputTokens() < 1) {
                    throw new IllegalArgumentException("request " + (n + 1) + ": input_tokens and output_tokens must "
                            + "be >= 1");
                }
                if (n == 0) {
                    t.firstTimestamp = r.arrivalTime();
                }
                t.lastTimestamp = r.arrivalTime();
                inputSum += r.inputTokens();
                outputSum += r.outputTokens();
                t.maxInput = Math.max(t.maxInput, r.inputTokens());
                t.maxOutput = Math.max(t.maxOutput, r.outputTokens());
                n++;
            }
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            String what = e instanceof NumberFormatException ? "a cell is not a number (" + e.getMessage() + ")"
                    : e.getMessage();
            throw new InvalidFieldException("trace", "not a readable " + format.toUpperCase() + " trace: " + what
                    + (CSV.equals(format) ? "; CSV needs a header naming timestamp,input_tokens,output_tokens "
                    + "(optional prefix_id, prefix_tokens, cacheable_tokens)" : ""));
        }
        if (n == 0) {
            throw new InvalidFieldException("trace", "the trace holds no requests");
        }
        t.requests = n;
        t.meanInput = inputSum / n;
        t.meanOutput = outputSum / n;
        return t;
    }

    private static long copyCapped(InputStream in, Path file, long max) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > max) {
                    throw new WebApplicationException("the trace is larger than " + max + " bytes", 413);
                }
                out.write(buffer, 0, read);
            }
        }
        return total;
    }

    public Uni<TraceView> get(String id, String tenant) {
        return Panache.withSession(() -> traces.findForTenant(id, tenant)).map(t -> {
            if (t == null) {
                throw new NotFoundException("no trace " + id);
            }
            return TraceView.of(t);
        });
    }

    public Uni<List<TraceView>> list(String tenant, int limit) {
        return Panache.withSession(() -> traces.listForTenant(tenant, limit))
                .map(list -> list.stream().map(TraceView::of).toList());
    }

    /** The tenant's trace, or null. */
    public Uni<RequestTrace> find(String id, String tenant) {
        return Panache.withSession(() -> traces.findForTenant(id, tenant));
    }

    /** The trace's lines (blocking: worker threads). */
    public String content(String id) {
        RequestTraceContent c = await(() -> Panache.withSession(() -> contents.findById(id)));
        return c == null ? null : c.content;
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
