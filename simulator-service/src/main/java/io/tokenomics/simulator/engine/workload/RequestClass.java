package io.tokenomics.simulator.engine.workload;

/**
 * A kind of traffic with its own lengths, latency target and value.
 *
 * @param weight               share of the open-loop arrivals (relative to the other classes)
 * @param slo                  latency target a request must meet to count toward goodput
 * @param usefulOutputFraction share of the output tokens that are useful to the buyer (feeds cost per useful token)
 * @param priority             lower runs first under {@code QueueOrder.PRIORITY}
 * @param sharedPrefixTokens   leading prompt tokens shared by all requests of one prefix group (a system prompt)
 * @param prefixGroups         number of distinct shared prefixes; 0 for none
 */
public record RequestClass(String name, double weight, LengthDistribution inputTokens,
                           LengthDistribution outputTokens, Slo slo, double usefulOutputFraction, int priority,
                           int sharedPrefixTokens, int prefixGroups) {
    public RequestClass {
        if (!(weight > 0)) {
            throw new IllegalArgumentException("class " + name + ": weight must be positive");
        }
        if (!(usefulOutputFraction >= 0 && usefulOutputFraction <= 1)) {
            throw new IllegalArgumentException("class " + name + ": useful output fraction must be in [0, 1]");
        }
        if (sharedPrefixTokens < 0 || prefixGroups < 0) {
            throw new IllegalArgumentException("class " + name + ": prefix settings must be >= 0");
        }
    }

    public static RequestClass of(String name, LengthDistribution input, LengthDistribution output) {
        return new RequestClass(name, 1, input, output, Slo.NONE, 1, 0, 0, 0);
    }

    public RequestClass withSlo(Slo s) {
        return new RequestClass(name, weight, inputTokens, outputTokens, s, usefulOutputFraction, priority,
                sharedPrefixTokens, prefixGroups);
    }

    public RequestClass withSharedPrefix(int tokens, int groups) {
        return new RequestClass(name, weight, inputTokens, outputTokens, slo, usefulOutputFraction, priority, tokens,
                groups);
    }

    /**
     * @param ttftSeconds time to first token a request must not exceed
     * @param tpotSeconds mean time per output token (after the first) a request must not exceed
     */
    public record Slo(double ttftSeconds, double tpotSeconds) {
        public static final Slo NONE = new Slo(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

        public boolean isMetBy(double ttft, double tpot) {
            return ttft <= ttftSeconds && tpot <= tpotSeconds;
        }
    }
}
