package io.tokenomics.simulator.engine.scheduler;

/** Identity of one full KV block of a shared prefix: the prefix and the block's index within it. */
record BlockKey(long prefixId, int index) {
}
