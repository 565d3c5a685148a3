package io.tokenomics.simulator.engine.workload;

/**
 * One inference request as it arrives.
 *
 * @param id              arrival index within the run (0, 1, ...)
 * @param arrivalTime     seconds from the start of the run
 * @param requestClass    index into the workload's request classes
 * @param prefixId        identity of the shared prompt prefix (system prompt or conversation); {@link #NO_PREFIX}
 * @param prefixTokens    leading prompt tokens identical to earlier requests with the same prefix id
 * @param cacheableTokens leading prompt tokens later requests with this prefix id may share (the system prompt, or
 *                        the whole prompt of a conversation turn)
 * @param user            closed-loop user who sent it, or -1 for open-loop traffic
 */
public record Request(long id, double arrivalTime, int inputTokens, int outputTokens, int requestClass,
                      long prefixId, int prefixTokens, int cacheableTokens, int user) {
    public static final long NO_PREFIX = -1;

    public Request {
        if (inputTokens <= 0 || outputTokens <= 0) {
            throw new IllegalArgumentException("request " + id + ": input and output tokens must be positive");
        }
        if (prefixTokens < 0 || prefixTokens > inputTokens || cacheableTokens < 0 || cacheableTokens > inputTokens) {
            throw new IllegalArgumentException("request " + id + ": prefix tokens must lie within the prompt");
        }
    }

    public static Request plain(long id, double arrivalTime, int inputTokens, int outputTokens, int requestClass) {
        return new Request(id, arrivalTime, inputTokens, outputTokens, requestClass, NO_PREFIX, 0, 0, -1);
    }

    public boolean hasPrefix() {
        return prefixId != NO_PREFIX;
    }

    public Request withId(long newId) {
        return new Request(newId, arrivalTime, inputTokens, outputTokens, requestClass, prefixId, prefixTokens,
                cacheableTokens, user);
    }
}
