package io.tokenomics.simulator.engine.parallel;

/**
 * How one model replica is split, and how many replicas serve. A replica uses {@code tensor x pipeline} GPUs; MoE
 * layers split their experts over {@code expert} GPUs of the tensor group (the remaining {@code tensor / expert}
 * GPUs slice each expert), so {@code expert} must divide {@code tensor}.
 */
public record Parallelism(int tensor, int pipeline, int expert, int dataReplicas) {
    public Parallelism {
        if (tensor <= 0 || pipeline <= 0 || expert <= 0 || dataReplicas <= 0) {
            throw new IllegalArgumentException("parallel degrees must be positive");
        }
        if (tensor % expert != 0) {
            throw new IllegalArgumentException("expert parallel degree " + expert + " must divide tensor degree " + tensor);
        }
    }

    public static Parallelism single() {
        return new Parallelism(1, 1, 1, 1);
    }

    public static Parallelism tensor(int tp) {
        return new Parallelism(tp, 1, 1, 1);
    }

    public int gpusPerReplica() {
        return tensor * pipeline;
    }

    public int totalGpus() {
        return gpusPerReplica() * dataReplicas;
    }

    /** GPUs that slice one expert's FFN width. */
    public int expertTensor() {
        return tensor / expert;
    }
}
