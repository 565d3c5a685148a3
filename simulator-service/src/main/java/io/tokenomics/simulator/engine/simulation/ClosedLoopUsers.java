package io.tokenomics.simulator.engine.simulation;

import io.tokenomics.simulator.engine.workload.Request;
import io.tokenomics.simulator.engine.workload.RequestFactory;
import io.tokenomics.simulator.engine.workload.Workload;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Closed-loop traffic: each user sends a request, waits for it to finish, thinks, and sends the next. With
 * conversations, a turn's prompt is the previous prompt and answer (a shared prefix) plus new input.
 */
final class ClosedLoopUsers {
    private static final long CONVERSATION_TAG = 1L << 62;

    private final Workload.ClosedLoop spec;
    private final RequestFactory factory;
    private final SplittableRandom thinking;
    private final Simulator simulator;
    private final Consumer<Request> sink;
    private final int[] history;
    private final int[] turn;
    private final int[] conversation;
    private long issued;

    ClosedLoopUsers(Workload.ClosedLoop spec, RequestFactory factory, SplittableRandom thinking, Simulator simulator,
                    Consumer<Request> sink) {
        this.spec = spec;
        this.factory = factory;
        this.thinking = thinking;
        this.simulator = simulator;
        this.sink = sink;
        this.history = new int[spec.users()];
        this.turn = new int[spec.users()];
        this.conversation = new int[spec.users()];
    }

    void start() {
        for (int u = 0; u < spec.users(); u++) {
            scheduleNext(u);
        }
    }

    private void scheduleNext(int user) {
        if (issued >= spec.requests()) {
            return;
        }
        long id = issued++;
        double think = spec.meanThinkSeconds() == 0 ? 0 : thinking.nextExponential() * spec.meanThinkSeconds();
        simulator.scheduleAfter(new UserRequest(user, id), think);
    }

    void finished(Request r) {
        int u = r.user();
        if (u < 0) {
            return;
        }
        if (spec.turnsPerConversation() > 1) {
            turn[u]++;
            if (turn[u] >= spec.turnsPerConversation()) {
                turn[u] = 0;
                history[u] = 0;
                conversation[u]++;
            } else {
                history[u] = r.inputTokens() + r.outputTokens();
            }
        }
        scheduleNext(u);
    }

    private final class UserRequest extends Event {
        private final int user;
        private final long id;

        UserRequest(int user, long id) {
            this.user = user;
            this.id = id;
        }

        @Override
        protected void fire() {
            Request base = factory.create(id, simulator.now());
            Request r;
            if (spec.turnsPerConversation() > 1) {
                long prefix = CONVERSATION_TAG | ((long) user << 24) | (conversation[user] & 0xFFFFFFL);
                int input = history[user] + base.inputTokens();
                r = new Request(id, base.arrivalTime(), input, base.outputTokens(), base.requestClass(), prefix,
                        history[user], input, user);
            } else {
                r = new Request(id, base.arrivalTime(), base.inputTokens(), base.outputTokens(), base.requestClass(),
                        base.prefixId(), base.prefixTokens(), base.cacheableTokens(), user);
            }
            sink.accept(r);
        }
    }
}
