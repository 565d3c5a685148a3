package io.tokenomics.simulator.engine.scheduler;

/** A replica that does everything, or one side of a disaggregated prefill/decode deployment. */
public enum ReplicaRole { UNIFIED, PREFILL, DECODE }
