package io.tokenomics.simulator.engine.cluster;

/**
 * Separate prefill and decode pools: prefill replicas compute prompts and hand their KV over the link to a decode
 * replica.
 *
 * @param prefillReplicas        replicas that only prefill
 * @param decodeReplicas         replicas that only decode
 * @param linkBytesPerSecondPerGpu bandwidth between the pools per GPU (assumption when unknown: 50 GB/s, one
 *                               400 Gb/s NIC per GPU); each GPU moves its own KV shard in parallel
 */
public record Disaggregation(int prefillReplicas, int decodeReplicas, double linkBytesPerSecondPerGpu) {
    public static final double DEFAULT_LINK_BYTES_PER_SECOND_PER_GPU = 50e9;

    public Disaggregation {
        if (prefillReplicas <= 0 || decodeReplicas <= 0 || !(linkBytesPerSecondPerGpu > 0)) {
            throw new IllegalArgumentException("disaggregation needs prefill and decode replicas and a positive link");
        }
    }
}
