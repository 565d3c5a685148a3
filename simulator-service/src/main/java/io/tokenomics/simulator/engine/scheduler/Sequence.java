package io.tokenomics.simulator.engine.scheduler;

import io.tokenomics.simulator.engine.workload.Request;

/**
 * A request's state inside one replica: prefill progress, generated tokens, KV blocks held, timestamps. While it
 * decodes, its context and generated count are not updated per token: they follow from the replica's decode step
 * counter ({@code context = decodeBase + step}), so a decode iteration costs O(1) per replica, not O(batch).
 */
public final class Sequence {
    public enum State { WAITING, PREFILLING, DECODING, SWAPPED, TRANSFERRING, FINISHED }

    final Request request;
    final int priority;
    State state = State.WAITING;
    /** Tokens the current prefill must cover: the prompt, plus tokens generated before a recompute preemption. */
    int prefillTarget;
    /** Tokens of the current prefill with KV in cache (prefix-cache hits included). */
    int computed;
    /** Output tokens emitted so far (kept current outside the decode set). */
    int generated;
    /** KV tokens held while swapped out or arriving by transfer (resumes decoding at this context). */
    int resumeContext;
    /** KV blocks owned privately (outside the decode set with on-demand allocation: exact). */
    long privateBlocks;
    /** Leading blocks referenced in the prefix cache. */
    int sharedBlocks;
    long decodeBase;
    long finishStep;
    int epoch;
    long admissionOrder;
    double firstScheduled = Double.NaN;
    double firstToken = Double.NaN;
    int preemptions;
    Sequence prev;
    Sequence next;

    public Sequence(Request request, int priority) {
        this.request = request;
        this.priority = priority;
        this.prefillTarget = request == null ? 0 : request.inputTokens();
    }

    public Request request() {
        return request;
    }

    public State state() {
        return state;
    }

    public double firstScheduledTime() {
        return firstScheduled;
    }

    public double firstTokenTime() {
        return firstToken;
    }

    public int preemptions() {
        return preemptions;
    }

    public int generated() {
        return generated;
    }

    /** For a sequence handed over after prefill (disaggregation): decode resumes with its prompt's KV. */
    public void prepareForTransfer() {
        state = State.TRANSFERRING;
        resumeContext = prefillTarget;
    }
}
