package io.tokenomics.simulator.engine.cluster;

import java.util.List;

/** The routers a cluster offers. Ties go to the lowest replica index (deterministic). */
public enum RoutingPolicy {
    ROUND_ROBIN, LEAST_OUTSTANDING, LEAST_KV_LOAD, PREFIX_AFFINITY;

    public Router create() {
        return switch (this) {
            case ROUND_ROBIN -> new RoundRobin();
            case LEAST_OUTSTANDING -> (r, replicas) -> leastOutstanding(replicas);
            case LEAST_KV_LOAD -> (r, replicas) -> leastKvLoad(replicas);
            case PREFIX_AFFINITY -> (r, replicas) -> r.hasPrefix()
                    ? (int) Math.floorMod(mix(r.prefixId()), (long) replicas.size())
                    : leastOutstanding(replicas);
        };
    }

    static int leastOutstanding(List<Replica> replicas) {
        int best = 0;
        int bestLoad = Integer.MAX_VALUE;
        for (int i = 0; i < replicas.size(); i++) {
            int load = replicas.get(i).outstanding();
            if (load < bestLoad) {
                best = i;
                bestLoad = load;
            }
        }
        return best;
    }

    static int leastKvLoad(List<Replica> replicas) {
        int best = 0;
        double bestLoad = Double.POSITIVE_INFINITY;
        int bestQueue = Integer.MAX_VALUE;
        for (int i = 0; i < replicas.size(); i++) {
            Replica r = replicas.get(i);
            double load = r.kvLoad();
            int queue = r.scheduler().waitingCount();
            if (load < bestLoad || (load == bestLoad && queue < bestQueue)) {
                best = i;
                bestLoad = load;
                bestQueue = queue;
            }
        }
        return best;
    }

    /** A fixed 64-bit mix (SplitMix64 finalizer) so prefix ids spread evenly over replicas. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static final class RoundRobin implements Router {
        private int next;

        @Override
        public int choose(io.tokenomics.simulator.engine.workload.Request request, List<Replica> replicas) {
            int i = next % replicas.size();
            next = i + 1;
            return i;
        }
    }
}
