package io.tokenomics.simulator.engine.workload;

import java.nio.file.Path;
import java.util.List;

/** Where a run's requests come from. */
public sealed interface Workload {
    List<RequestClass> classes();

    /** {@code requests} requests arriving by {@code arrivals}, independent of how fast they are served. */
    record OpenLoop(ArrivalProcess arrivals, List<RequestClass> classes, long requests) implements Workload {
        public OpenLoop {
            classes = List.copyOf(classes);
        }
    }

    /**
     * {@code users} users, each sending a request, waiting for its last token, thinking for an exponential time of
     * mean {@code meanThinkSeconds}, and sending the next, until {@code requests} have been sent. With
     * {@code turnsPerConversation} > 1 each request continues the user's conversation: its prompt is the previous
     * prompt and answer plus new input, and that history is a shared prefix (prefix caching can reuse it).
     */
    record ClosedLoop(int users, double meanThinkSeconds, List<RequestClass> classes, long requests,
                      int turnsPerConversation) implements Workload {
        public ClosedLoop {
            if (users <= 0 || meanThinkSeconds < 0 || turnsPerConversation <= 0) {
                throw new IllegalArgumentException("closed loop needs users > 0, think >= 0, turns > 0");
            }
            classes = List.copyOf(classes);
        }
    }

    /** Requests replayed from a CSV or JSONL trace (see {@link TraceReplay}); classes give SLOs and values. */
    record Trace(Path file, List<RequestClass> classes) implements Workload {
        public Trace {
            classes = List.copyOf(classes);
        }
    }
}
