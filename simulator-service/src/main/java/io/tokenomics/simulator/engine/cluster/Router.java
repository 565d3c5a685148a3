package io.tokenomics.simulator.engine.cluster;

import io.tokenomics.simulator.engine.workload.Request;

import java.util.List;

/** Picks the replica a request goes to. One instance per run (round-robin keeps a position). */
public interface Router {
    int choose(Request request, List<Replica> replicas);
}
