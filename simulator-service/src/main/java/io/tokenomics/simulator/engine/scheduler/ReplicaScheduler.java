package io.tokenomics.simulator.engine.scheduler;

import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy.Batching;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy.KvReservation;
import io.tokenomics.simulator.engine.scheduler.SchedulerPolicy.Preemption;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The iteration-level scheduler of one replica (vLLM-style). Each iteration it
 * <ol>
 *   <li>gives every decoding sequence one token, first allocating the KV blocks the step needs; when none are left it
 *       preempts the most recently admitted running sequence (recompute: its KV is dropped and its prompt plus the
 *       tokens generated so far are prefilled again later; swap: its KV goes to host memory and comes back);</li>
 *   <li>resumes swapped or transferred sequences, then continues unfinished prefills and admits waiting requests in
 *       queue order while the sequence limit, the token budget and the free blocks (minus the watermark) allow.</li>
 * </ol>
 * Decoding sequences are kept as aggregates (count, sum of contexts, block-boundary phase counts, a heap of finish
 * steps), so an iteration costs O(prefill chunks + completions), not O(batch size).
 */
public final class ReplicaScheduler {
    private final SchedulerPolicy policy;
    private final ReplicaRole role;
    private final KvBlockManager kv;
    private final SequenceListener listener;
    private final int blockSize;
    private final int slidingWindow;
    private final double swapSecondsPerToken;
    private final long watermarkBlocks;

    private final PriorityQueue<Sequence> waiting;
    private final ArrayDeque<Sequence> resumable = new ArrayDeque<>();
    /** Running sequences in admission order (intrusive list; the tail is the preemption victim). */
    private final Sequence running = new Sequence(null, 0);
    private int runningCount;
    private final ArrayList<Sequence> prefilling = new ArrayList<>();

    // decode-set aggregates
    private int decodeCount;
    private long decodeBaseSum;
    private final int[] phaseCount;
    private long decodeSteps;
    private final PriorityQueue<Finish> finishes = new PriorityQueue<>();

    // the planned iteration
    private final ArrayList<Sequence> planSequences = new ArrayList<>();
    private int[] planChunks = new int[64];
    private final ArrayList<Sequence> planJoins = new ArrayList<>();
    private boolean planDecode;
    private double planExtraSeconds;
    /** The planned iteration only decodes (no prefill chunk, no sliding window): its shape is count + context sum. */
    private boolean planDecodeOnly;
    private long planContextSum;
    private long admissions;
    /** Bumped by every entry point that may change the queue or the KV cache (lets samplers skip unchanged replicas). */
    private long version;

    // counters
    private long preemptionCount;
    private long prefixLookupBlocks;
    private long prefixHitBlocks;

    /**
     * @param kvBlocks               KV blocks of the replica (from its memory plan)
     * @param slidingWindow          the model's sliding window (0: none), for per-sequence decode contexts
     * @param kvBytesPerTokenPerGpu  for swap-preemption transfer times
     */
    public ReplicaScheduler(SchedulerPolicy policy, ReplicaRole role, long kvBlocks, int slidingWindow,
                            double kvBytesPerTokenPerGpu, SequenceListener listener) {
        this.policy = policy;
        this.role = role;
        this.kv = new KvBlockManager(kvBlocks);
        this.listener = listener;
        this.blockSize = policy.blockSize();
        this.slidingWindow = slidingWindow;
        this.swapSecondsPerToken = kvBytesPerTokenPerGpu / policy.swapBytesPerSecond();
        this.watermarkBlocks = (long) Math.floor(policy.admissionWatermark() * kvBlocks);
        this.phaseCount = new int[blockSize];
        this.waiting = new PriorityQueue<>(order(policy.queueOrder()));
        running.prev = running;
        running.next = running;
    }

    private static Comparator<Sequence> order(SchedulerPolicy.QueueOrder order) {
        Comparator<Sequence> fcfs = Comparator.<Sequence>comparingDouble(s -> s.request.arrivalTime())
                .thenComparingLong(s -> s.request.id());
        return switch (order) {
            case FCFS -> fcfs;
            case PRIORITY -> Comparator.<Sequence>comparingInt(s -> s.priority).thenComparing(fcfs);
            case SHORTEST_FIRST -> Comparator.<Sequence>comparingLong(
                    s -> (long) s.request.inputTokens() + s.request.outputTokens() - s.generated).thenComparing(fcfs);
        };
    }

    // ------------------------------------------------------------------ queries

    public KvBlockManager kvCache() {
        return kv;
    }

    public int waitingCount() {
        return waiting.size() + resumable.size();
    }

    public int runningCount() {
        return runningCount;
    }

    /** Requests on this replica that have not finished or left (waiting, running, swapped). */
    public int outstanding() {
        return waitingCount() + runningCount;
    }

    public int decodingCount() {
        return decodeCount;
    }

    public long preemptions() {
        return preemptionCount;
    }

    public long prefixLookupBlocks() {
        return prefixLookupBlocks;
    }

    public long prefixHitBlocks() {
        return prefixHitBlocks;
    }

    /** Blocks a request needs at least (its prompt + output with full reservation, its prompt plus one otherwise). */
    public long blocksToComplete(int inputTokens, int outputTokens) {
        return blocks((long) inputTokens + outputTokens - 1);
    }

    /** Whether a request of these lengths fits this replica's KV cache at all (else it must be dropped). */
    public boolean canEverFit(int inputTokens, int outputTokens) {
        return blocksToComplete(inputTokens, outputTokens) + watermarkBlocks <= kv.totalBlocks();
    }

    public boolean hasWork() {
        return runningCount > 0 || !waiting.isEmpty() || !resumable.isEmpty();
    }

    // ------------------------------------------------------------------ entry points

    /** Changes whenever waiting requests or KV blocks may have changed (not before). */
    public long version() {
        return version;
    }

    public void enqueue(Sequence s) {
        version++;
        if (s.state == Sequence.State.TRANSFERRING) {
            if (role != ReplicaRole.DECODE) {
                throw new IllegalStateException("only decode-pool replicas take transferred sequences");
            }
            resumable.add(s);
            return;
        }
        s.state = Sequence.State.WAITING;
        waiting.add(s);
    }

    /** Frees the KV blocks a handed-off sequence kept on this prefill replica (its transfer is done). */
    public void release(Sequence s) {
        version++;
        kv.free(s.privateBlocks);
        s.privateBlocks = 0;
        releaseShared(s);
    }

    /**
     * Plans the next iteration into {@code batch} (reset by the caller). Returns false when there is nothing to run.
     */
    public boolean planIteration(BatchShape.Builder batch, double now) {
        version++;
        planSequences.clear();
        planJoins.clear();
        planDecode = false;
        planExtraSeconds = 0;
        for (int pass = 0; pass < 2; pass++) {
            boolean staticBatch = policy.batching() == Batching.STATIC;
            int budget = staticBatch ? Integer.MAX_VALUE : policy.maxBatchedTokens();
            boolean prefillFirst = !policy.chunkedPrefill() && !staticBatch && prefills_possible();
            if (decodeCount > 0 && !prefillFirst) {
                reserveDecodeBlocks(now);
                if (decodeCount > 0) {
                    planDecode = true;
                    budget -= decodeCount;
                }
            }
            boolean admit = !staticBatch || runningCount == 0;
            if (admit) {
                admitResumable(now);
            }
            if (!planDecode || policy.chunkedPrefill()) {
                budget = planPrefills(budget, admit, now);
            }
            if (planDecode || !planSequences.isEmpty() || planJoins.isEmpty()) {
                break;
            }
            // only resumed sequences: let them decode in this iteration
            for (Sequence s : planJoins) {
                join(s, s.resumeContext);
            }
            planJoins.clear();
        }
        if (!planDecode && planSequences.isEmpty() && decodeCount > 0) {
            reserveDecodeBlocks(now);
            planDecode = decodeCount > 0;
        }
        if (!planDecode && planSequences.isEmpty()) {
            return false;
        }
        planDecodeOnly = false;
        if (planDecode) {
            if (slidingWindow > 0) {
                for (Sequence s = running.next; s != running; s = s.next) {
                    if (s.state == Sequence.State.DECODING) {
                        batch.addDecode(s.decodeBase + decodeSteps);
                    }
                }
            } else {
                batch.addDecodeSequences(decodeCount, (double) decodeBaseSum + (double) decodeCount * decodeSteps);
                planDecodeOnly = planSequences.isEmpty();
                planContextSum = decodeBaseSum + decodeCount * decodeSteps;
            }
        }
        for (int i = 0; i < planSequences.size(); i++) {
            Sequence s = planSequences.get(i);
            batch.addPrefillChunk(planChunks[i], s.computed);
        }
        return true;
    }

    /**
     * Whether the planned iteration is decode-only with the O(1) aggregate shape: then
     * ({@link #decodingCount()}, {@link #plannedContextSum()}) determine its cost completely.
     */
    public boolean plannedDecodeOnly() {
        return planDecodeOnly;
    }

    /** Sum of the cached contexts of the planned decode-only iteration's sequences. */
    public long plannedContextSum() {
        return planContextSum;
    }

    /** Whether the planned iteration gives decoding sequences a token. */
    public boolean plannedDecodes() {
        return planDecode;
    }

    /**
     * Adds the planned iteration's decoding sequences to {@code batch}, each scoring {@code newTokens} positions
     * (speculative verification: draft tokens + 1; a drafter's own steps: 1).
     */
    public void addPlannedDecodes(BatchShape.Builder batch, int newTokens) {
        if (!planDecode) {
            return;
        }
        for (Sequence s = running.next; s != running; s = s.next) {
            if (s.state == Sequence.State.DECODING) {
                batch.addDecode(s.decodeBase + decodeSteps, newTokens);
            }
        }
    }

    /**
     * {@link #addPlannedDecodes(BatchShape.Builder, int)} for the decode-only iteration {@code ahead} steps after
     * the planned one (fast-forward: the same decode set, each context {@code ahead} tokens longer).
     */
    public void addPlannedDecodes(BatchShape.Builder batch, int newTokens, long ahead) {
        if (!planDecode) {
            return;
        }
        long steps = decodeSteps + ahead;
        for (Sequence s = running.next; s != running; s = s.next) {
            if (s.state == Sequence.State.DECODING) {
                batch.addDecode(s.decodeBase + steps, newTokens);
            }
        }
    }

    // ------------------------------------------------------------------ decode fast-forward

    /**
     * Whether the planned iteration is decode-only with nothing that could join the batch on its own (no waiting,
     * resumable or prefilling sequence, no swap time): then the following iterations are the same decode set, one
     * token longer each, until a sequence finishes, the KV blocks run short or something arrives.
     */
    public boolean fastForwardable() {
        return planDecodeOnly && planSequences.isEmpty() && planJoins.isEmpty() && waiting.isEmpty()
                && resumable.isEmpty() && prefilling.isEmpty() && planExtraSeconds == 0;
    }

    /**
     * How many iterations may follow the planned one with nothing but decode steps happening: no sequence finishes
     * before the last of them completes, and the KV blocks they allocate (one per sequence crossing a block boundary,
     * in the order the step-by-step run allocates them) fit in what is available, so none can preempt.
     */
    public long fastForwardLimit() {
        long p = decodeSteps;
        long limit = Long.MAX_VALUE;
        if (!finishes.isEmpty()) {
            limit = finishes.peek().step - p; // the iteration of step f completes the first finish (stale: earlier)
        }
        if (policy.kvReservation() == KvReservation.ON_DEMAND && decodeCount > 0) {
            long available = kv.available();
            // every decoding sequence allocates exactly one block per blockSize steps
            long cycles = available / decodeCount;
            long sure = cycles * blockSize; // these many steps allocate at most cycles x decodeCount blocks
            if (sure < limit) {
                long used = 0;
                long q = p + 1;
                long steps = 0;
                if (cycles > 0) {
                    steps = sure;
                    q += sure;
                    used = cycles * decodeCount;
                }
                while (steps < limit) {
                    used += phaseCount[Math.floorMod(-q, blockSize)];
                    if (used > available) {
                        break;
                    }
                    steps++;
                    q++;
                }
                limit = steps;
            }
        }
        return Math.max(0, limit);
    }

    /** The decode step of the planned iteration (skipped iteration {@code i} of a segment is this + i). */
    public long decodeStep() {
        return decodeSteps;
    }

    /** Tokens per KV block: {@link #blocksAtStep} repeats with this period while the decode set is unchanged. */
    public int blockSize() {
        return blockSize;
    }

    /** KV blocks the decode set allocates when the iteration of decode step {@code step} is planned. */
    public long blocksAtStep(long step) {
        return policy.kvReservation() == KvReservation.ON_DEMAND ? phaseCount[Math.floorMod(-step, blockSize)] : 0;
    }

    /** The planned decode-only iteration's context sum {@code ahead} steps later. */
    public long plannedContextSum(long ahead) {
        return decodeBaseSum + decodeCount * (decodeSteps + ahead);
    }

    /** The planned decode-only iteration's shape {@code ahead} steps later, as {@link #planIteration} adds it. */
    public void addDecodesAhead(BatchShape.Builder batch, long ahead) {
        batch.addDecodeSequences(decodeCount, (double) decodeBaseSum + (double) decodeCount * (decodeSteps + ahead));
    }

    /**
     * Applies {@code n} fast-forwarded iterations (completed, each then planned again with no finish), leaving the
     * last one planned: what {@code n} x (completeIteration + planIteration) would do; {@code blocks} is the sum of
     * {@link #blocksAtStep} over the {@code n} steps.
     */
    public void skipDecodeSteps(long n, long blocks) {
        version++;
        decodeSteps += n;
        kv.allocate(blocks); // at once: the same blocks, evictions and peak as one allocation per step
    }

    /** Adds the planned iteration's prefill chunks to {@code batch}. */
    public void addPlannedPrefills(BatchShape.Builder batch) {
        for (int i = 0; i < planSequences.size(); i++) {
            batch.addPrefillChunk(planChunks[i], planSequences.get(i).computed);
        }
    }

    /** Prompt tokens of the planned iteration's prefill chunks (walks the plan: not for the per-iteration path). */
    public long plannedPrefillTokens() {
        long tokens = 0;
        for (int i = 0; i < planSequences.size(); i++) {
            tokens += planChunks[i];
        }
        return tokens;
    }

    /** Whether the planned iteration has prefill chunks. */
    public boolean plannedPrefills() {
        return !planSequences.isEmpty();
    }

    /** Extra seconds the planned iteration spends moving swapped KV (0 without swap preemption). */
    public double plannedExtraSeconds() {
        return planExtraSeconds;
    }

    /** Applies the planned iteration's results at its end time. */
    public void completeIteration(double now) {
        version++;
        if (planDecode) {
            long step = decodeSteps++;
            while (!finishes.isEmpty() && finishes.peek().step <= step) {
                Finish f = finishes.poll();
                Sequence s = f.sequence;
                if (s.state != Sequence.State.DECODING || s.epoch != f.epoch) {
                    continue;
                }
                leaveDecodeSet(s);
                s.generated = s.request.outputTokens();
                publishConversation(s, s.decodeBase + decodeSteps);
                finish(s, now);
            }
        }
        for (int i = 0; i < planSequences.size(); i++) {
            Sequence s = planSequences.get(i);
            s.computed += planChunks[i];
            if (s.computed == s.prefillTarget) {
                prefillDone(s, now);
            }
        }
        for (Sequence s : planJoins) {
            join(s, s.resumeContext);
        }
        planSequences.clear();
        planJoins.clear();
    }

    // ------------------------------------------------------------------ decode steps and preemption

    private void reserveDecodeBlocks(double now) {
        if (policy.kvReservation() == KvReservation.FULL_SEQUENCE) {
            return;
        }
        int phase = Math.floorMod(-decodeSteps, blockSize);
        long needed = phaseCount[phase];
        while (needed > kv.available() && runningCount > 0) {
            Sequence victim = running.prev;
            long available = kv.available();
            long neededBefore = needed;
            if (victim.state == Sequence.State.DECODING && Math.floorMod(victim.decodeBase, blockSize) == phase) {
                needed--;
            }
            preempt(victim, available, neededBefore, now);
        }
        kv.allocate(needed);
    }

    private void preempt(Sequence s, long available, long needed, double now) {
        preemptionCount++;
        s.preemptions++;
        listener.preempted(s, available, needed, now);
        int context;
        if (s.state == Sequence.State.DECODING) {
            context = (int) (s.decodeBase + decodeSteps);
            s.generated = context - s.request.inputTokens() + 1;
            s.privateBlocks = heldBlocks(s, context);
            leaveDecodeSet(s);
        } else {
            context = s.computed;
            prefilling.remove(s);
        }
        unlinkRunning(s);
        kv.free(s.privateBlocks);
        s.privateBlocks = 0;
        releaseShared(s);
        s.computed = 0;
        if (policy.preemption() == Preemption.SWAP && s.state == Sequence.State.DECODING) {
            s.state = Sequence.State.SWAPPED;
            s.resumeContext = context;
            planExtraSeconds += context * swapSecondsPerToken;
            resumable.addFirst(s);
        } else {
            // recompute: prefill the prompt and every token generated so far, then continue
            s.prefillTarget = s.request.inputTokens() + s.generated;
            s.state = Sequence.State.WAITING;
            waiting.add(s);
        }
    }

    // ------------------------------------------------------------------ admission and prefill

    private boolean prefills_possible() {
        if (!prefilling.isEmpty()) {
            return true;
        }
        Sequence head = waiting.peek();
        return head != null && runningCount < policy.maxSequences() && admissionBlocks(head) >= 0;
    }

    private void admitResumable(double now) {
        while (!resumable.isEmpty() && runningCount < policy.maxSequences()) {
            Sequence s = resumable.peekFirst();
            long need = blocks(s.resumeContext);
            if (policy.kvReservation() == KvReservation.FULL_SEQUENCE) {
                need = blocksToComplete(s.request.inputTokens(), s.request.outputTokens());
            }
            if (need + watermarkBlocks > kv.available()) {
                break;
            }
            resumable.pollFirst();
            kv.allocate(need);
            s.privateBlocks = need;
            if (s.state == Sequence.State.SWAPPED) {
                planExtraSeconds += s.resumeContext * swapSecondsPerToken;
            }
            s.state = Sequence.State.PREFILLING; // placeholder until it joins the decode set at iteration end
            linkRunning(s);
            admissions++;
            listener.admitted(s, now, false);
            planJoins.add(s);
        }
    }

    private int planPrefills(int budget, boolean admit, double now) {
        boolean chunked = policy.chunkedPrefill() && policy.batching() == Batching.CONTINUOUS;
        for (int i = 0; i < prefilling.size() && budget > 0; i++) {
            Sequence s = prefilling.get(i);
            int chunk = chunked ? Math.min(budget, s.prefillTarget - s.computed) : s.prefillTarget - s.computed;
            addToPlan(s, chunk);
            budget -= chunk;
        }
        if (!admit) {
            return budget;
        }
        while (budget > 0 && runningCount < policy.maxSequences() && !waiting.isEmpty()) {
            Sequence s = waiting.peek();
            int remaining = s.prefillTarget;
            if (!chunked && remaining > budget && !planSequences.isEmpty()) {
                break;
            }
            long hitBlocks = admissionBlocks(s);
            if (hitBlocks < 0) {
                break; // head-of-line: not enough KV blocks for the next request in queue order
            }
            waiting.poll();
            admitPrefill(s, (int) hitBlocks, now);
            int chunk = chunked ? Math.min(budget, s.prefillTarget - s.computed) : s.prefillTarget - s.computed;
            addToPlan(s, chunk);
            budget -= chunk;
        }
        return budget;
    }

    /**
     * Prefix-cache hit blocks if the sequence can be admitted now, or -1 when its blocks (plus the watermark) are
     * not available.
     */
    private long admissionBlocks(Sequence s) {
        int hits = 0;
        int unreferenced = 0;
        if (policy.prefixCaching() && s.request.hasPrefix()) {
            // at least one prompt token is always computed (its logits give the next token)
            int cacheable = Math.min(s.request.prefixTokens(), s.prefillTarget - 1) / blockSize;
            hits = kv.lookup(s.request.prefixId(), cacheable);
            unreferenced = kv.unreferencedAmong(s.request.prefixId(), hits);
        }
        long need = policy.kvReservation() == KvReservation.FULL_SEQUENCE
                ? blocksToComplete(s.request.inputTokens(), s.request.outputTokens()) - hits
                : blocks(s.prefillTarget) - hits;
        return need + unreferenced + watermarkBlocks <= kv.available() ? hits : -1;
    }

    private void admitPrefill(Sequence s, int hits, double now) {
        if (policy.prefixCaching() && s.request.hasPrefix()) {
            int cacheable = Math.min(s.request.prefixTokens(), s.prefillTarget - 1) / blockSize;
            prefixLookupBlocks += cacheable;
            prefixHitBlocks += hits;
            kv.acquire(s.request.prefixId(), hits);
        }
        s.sharedBlocks = hits;
        long own = policy.kvReservation() == KvReservation.FULL_SEQUENCE
                ? blocksToComplete(s.request.inputTokens(), s.request.outputTokens()) - hits
                : blocks(s.prefillTarget) - hits;
        kv.allocate(own);
        s.privateBlocks = own;
        s.computed = hits * blockSize;
        s.state = Sequence.State.PREFILLING;
        s.admissionOrder = admissions++;
        boolean first = Double.isNaN(s.firstScheduled);
        if (first) {
            s.firstScheduled = now;
        }
        linkRunning(s);
        prefilling.add(s);
        listener.admitted(s, now, first);
    }

    private void addToPlan(Sequence s, int chunk) {
        if (planSequences.size() == planChunks.length) {
            planChunks = java.util.Arrays.copyOf(planChunks, planChunks.length * 2);
        }
        planChunks[planSequences.size()] = chunk;
        planSequences.add(s);
    }

    private void prefillDone(Sequence s, double now) {
        prefilling.remove(s);
        publishPrefix(s);
        s.generated = s.prefillTarget - s.request.inputTokens() + 1;
        if (Double.isNaN(s.firstToken)) {
            s.firstToken = now;
            listener.firstToken(s, now);
        }
        if (s.generated >= s.request.outputTokens()) {
            finish(s, now);
            return;
        }
        if (role == ReplicaRole.PREFILL) {
            unlinkRunning(s);
            s.prepareForTransfer();
            listener.prefillHandedOff(s, now);
            return;
        }
        join(s, s.prefillTarget);
    }

    /** With prefix caching, the sequence's full blocks of its cacheable prefix become shared cached blocks. */
    private void publishPrefix(Sequence s) {
        if (!policy.prefixCaching() || !s.request.hasPrefix()) {
            return;
        }
        int publishable = Math.min(s.request.cacheableTokens(), s.prefillTarget) / blockSize;
        for (int i = s.sharedBlocks; i < publishable; i++) {
            kv.publish(s.request.prefixId(), i);
            s.privateBlocks--;
            s.sharedBlocks++;
        }
    }

    /**
     * A conversation turn (its whole prompt is cacheable) also leaves its answer's full blocks in the cache: the
     * next turn's prompt starts with this prompt and answer.
     */
    private void publishConversation(Sequence s, long cachedTokens) {
        if (!policy.prefixCaching() || !s.request.hasPrefix()
                || s.request.cacheableTokens() < s.request.inputTokens()
                || policy.kvReservation() == KvReservation.FULL_SEQUENCE) {
            return;
        }
        int full = (int) (cachedTokens / blockSize);
        for (int i = s.sharedBlocks; i < full; i++) {
            kv.publish(s.request.prefixId(), i);
            s.privateBlocks--;
            s.sharedBlocks++;
        }
    }

    // ------------------------------------------------------------------ decode set

    private void join(Sequence s, int context) {
        s.state = Sequence.State.DECODING;
        s.generated = context - s.request.inputTokens() + 1;
        s.decodeBase = context - decodeSteps;
        s.epoch++;
        decodeCount++;
        decodeBaseSum += s.decodeBase;
        if (policy.kvReservation() == KvReservation.ON_DEMAND) {
            phaseCount[Math.floorMod(s.decodeBase, blockSize)]++;
        }
        s.finishStep = decodeSteps + (s.request.outputTokens() - s.generated) - 1;
        finishes.add(new Finish(s.finishStep, s.request.id(), s.epoch, s));
    }

    private void leaveDecodeSet(Sequence s) {
        long context = s.decodeBase + decodeSteps;
        s.privateBlocks = heldBlocks(s, context);
        decodeCount--;
        decodeBaseSum -= s.decodeBase;
        if (policy.kvReservation() == KvReservation.ON_DEMAND) {
            phaseCount[Math.floorMod(s.decodeBase, blockSize)]--;
        }
        s.epoch++;
    }

    private long heldBlocks(Sequence s, long context) {
        return policy.kvReservation() == KvReservation.FULL_SEQUENCE ? s.privateBlocks
                : blocks(context) - s.sharedBlocks;
    }

    private void finish(Sequence s, double now) {
        unlinkRunning(s);
        kv.free(s.privateBlocks);
        s.privateBlocks = 0;
        releaseShared(s);
        s.state = Sequence.State.FINISHED;
        listener.finished(s, now);
    }

    private void releaseShared(Sequence s) {
        if (s.sharedBlocks > 0) {
            kv.release(s.request.prefixId(), s.sharedBlocks);
            s.sharedBlocks = 0;
        }
    }

    private long blocks(long tokens) {
        return (tokens + blockSize - 1) / blockSize;
    }

    private void linkRunning(Sequence s) {
        s.prev = running.prev;
        s.next = running;
        running.prev.next = s;
        running.prev = s;
        runningCount++;
    }

    private void unlinkRunning(Sequence s) {
        s.prev.next = s.next;
        s.next.prev = s.prev;
        s.prev = null;
        s.next = null;
        runningCount--;
    }

    /** Sequences currently running (admission order); for tests and diagnostics. */
    public List<Sequence> runningSequences() {
        List<Sequence> out = new ArrayList<>(runningCount);
        for (Sequence s = running.next; s != running; s = s.next) {
            out.add(s);
        }
        return out;
    }

    private record Finish(long step, long id, int epoch, Sequence sequence) implements Comparable<Finish> {
        @Override
        public int compareTo(Finish o) {
            int c = Long.compare(step, o.step);
            return c != 0 ? c : Long.compare(id, o.id);
        }
    }
}
