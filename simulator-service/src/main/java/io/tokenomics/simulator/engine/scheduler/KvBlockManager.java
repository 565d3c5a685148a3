package io.tokenomics.simulator.engine.scheduler;

import java.util.HashMap;

/**
 * The paged KV cache of one replica: a count of free blocks plus, with prefix caching, the blocks of shared prefixes
 * keyed by (prefix, block index) with reference counts. Unreferenced cached blocks stay resident, are reused on a
 * hit, and are evicted least-recently-used first when a new block is needed.
 */
public final class KvBlockManager {
    private final long totalBlocks;
    private long freeBlocks;
    private final HashMap<BlockKey, CachedBlock> cache = new HashMap<>();
    private final CachedBlock lru = new CachedBlock(null);
    private long evictable;
    private long evictions;
    private long peakUsed;

    public KvBlockManager(long totalBlocks) {
        if (totalBlocks <= 0) {
            throw new IllegalArgumentException("a replica needs at least one KV block");
        }
        this.totalBlocks = totalBlocks;
        this.freeBlocks = totalBlocks;
        lru.prev = lru;
        lru.next = lru;
    }

    public long totalBlocks() {
        return totalBlocks;
    }

    /** Blocks that can be handed out now: free ones plus unreferenced cached ones (evicted on demand). */
    public long available() {
        return freeBlocks + evictable;
    }

    /** Blocks held by running sequences (including referenced cached blocks, excluding evictable ones). */
    public long inUse() {
        return totalBlocks - freeBlocks - evictable;
    }

    public long peakInUse() {
        return peakUsed;
    }

    public long evictions() {
        return evictions;
    }

    public long cachedBlocks() {
        return cache.size();
    }

    void allocate(long n) {
        if (n > available()) {
            throw new IllegalStateException("allocating " + n + " KV blocks with " + available() + " available");
        }
        while (freeBlocks < n) {
            CachedBlock victim = lru.next;
            unlink(victim);
            cache.remove(victim.key);
            evictable--;
            freeBlocks++;
            evictions++;
        }
        freeBlocks -= n;
        peakUsed = Math.max(peakUsed, inUse());
    }

    void free(long n) {
        freeBlocks += n;
        if (freeBlocks + evictable > totalBlocks) {
            throw new IllegalStateException("freed more KV blocks than were allocated");
        }
    }

    /** Leading blocks of {@code prefixId} present in the cache, up to {@code maxBlocks}. */
    int lookup(long prefixId, int maxBlocks) {
        int hits = 0;
        while (hits < maxBlocks && cache.containsKey(new BlockKey(prefixId, hits))) {
            hits++;
        }
        return hits;
    }

    /** Of the first {@code blocks} cached blocks of the prefix, how many are unreferenced (evictable). */
    int unreferencedAmong(long prefixId, int blocks) {
        int n = 0;
        for (int i = 0; i < blocks; i++) {
            if (cache.get(new BlockKey(prefixId, i)).references == 0) {
                n++;
            }
        }
        return n;
    }

    void acquire(long prefixId, int blocks) {
        for (int i = 0; i < blocks; i++) {
            CachedBlock b = cache.get(new BlockKey(prefixId, i));
            if (b.references++ == 0) {
                unlink(b);
                evictable--;
            }
        }
        peakUsed = Math.max(peakUsed, inUse());
    }

    void release(long prefixId, int blocks) {
        for (int i = 0; i < blocks; i++) {
            CachedBlock b = cache.get(new BlockKey(prefixId, i));
            if (--b.references == 0) {
                // most recently used at the tail
                b.prev = lru.prev;
                b.next = lru;
                lru.prev.next = b;
                lru.prev = b;
                evictable++;
            }
        }
    }

    /**
     * Makes block {@code index} of the prefix a cached block referenced by the caller, who held it privately. Returns
     * true when the caller's private block became the cached one; false when an identical block was already cached
     * (the caller now references that one and its private copy was freed).
     */
    boolean publish(long prefixId, int index) {
        BlockKey key = new BlockKey(prefixId, index);
        CachedBlock existing = cache.get(key);
        if (existing == null) {
            CachedBlock b = new CachedBlock(key);
            b.references = 1;
            cache.put(key, b);
            return true;
        }
        if (existing.references++ == 0) {
            unlink(existing);
            evictable--;
        }
        freeBlocks++;
        return false;
    }

    private static void unlink(CachedBlock b) {
        b.prev.next = b.next;
        b.next.prev = b.prev;
        b.prev = null;
        b.next = null;
    }

    private static final class CachedBlock {
        final BlockKey key;
        int references;
        CachedBlock prev;
        CachedBlock next;

        CachedBlock(BlockKey key) {
            this.key = key;
        }
    }
}
