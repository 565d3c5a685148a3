package io.tokenomics.simulator.engine.scheduler;

import io.tokenomics.simulator.engine.performance.BatchShape;
import io.tokenomics.simulator.engine.performance.IterationCost;
import io.tokenomics.simulator.engine.simulation.Fixtures;
import io.tokenomics.simulator.engine.workload.Request;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaSchedulerTest {

    /** Drives a scheduler to the end, one iteration per time unit, checking KV bounds every iteration. */
    private static final class Harness implements SequenceListener {
        final ReplicaScheduler scheduler;
        final List<long[]> preemptions = new ArrayList<>();
        final List<Sequence> finished = new ArrayList<>();
        final List<BatchShape> shapes = new ArrayList<>();
        long maxInUse;

        Harness(SchedulerPolicy policy, long blocks) {
            scheduler = new ReplicaScheduler(policy, ReplicaRole.UNIFIED, blocks, 0, 1, this);
        }

        void run() {
            BatchShape.Builder b = BatchShape.builder(0);
            double t = 0;
            while (scheduler.hasWork()) {
                b.reset();
                assertThat(scheduler.planIteration(b, t)).isTrue();
                shapes.add(b.build());
                maxInUse = Math.max(maxInUse, scheduler.kvCache().inUse());
                assertThat(scheduler.kvCache().inUse()).isLessThanOrEqualTo(scheduler.kvCache().totalBlocks());
                t += 1;
                scheduler.completeIteration(t);
            }
        }

        @Override
        public void admitted(Sequence s, double now, boolean firstTime) {
        }

        @Override
        public void firstToken(Sequence s, double now) {
        }

        @Override
        public void finished(Sequence s, double now) {
            finished.add(s);
        }

        @Override
        public void preempted(Sequence s, long availableBlocks, long neededBlocks, double now) {
            preemptions.add(new long[]{availableBlocks, neededBlocks});
        }
    }

    private static void submit(Harness h, int n, int input, int output) {
        for (int i = 0; i < n; i++) {
            h.scheduler.enqueue(new Sequence(Request.plain(i, 0, input, output, 0), 0));
        }
    }

    @Test
    void preemptsOnlyWhenADecodeStepFindsNoFreeBlock() {
        SchedulerPolicy policy = SchedulerPolicy.VLLM.withAdmissionWatermark(0);
        // 10 prompts of 100 tokens (7 blocks each) fit in 100 blocks; growing to 400 tokens each they do not
        Harness tight = new Harness(policy, 100);
        submit(tight, 10, 100, 300);
        tight.run();
        assertThat(tight.preemptions).isNotEmpty();
        for (long[] p : tight.preemptions) {
            assertThat(p[0]).as("available when preempting").isLessThan(p[1]);
        }
        assertThat(tight.maxInUse).isEqualTo(100); // it did fill the cache before preempting
        assertThat(tight.finished).hasSize(10).allSatisfy(s -> assertThat(s.generated()).isEqualTo(300));

        Harness ample = new Harness(policy, 10 * 25);
        submit(ample, 10, 100, 300);
        ample.run();
        assertThat(ample.preemptions).isEmpty();
        assertThat(ample.maxInUse).isEqualTo(10 * 25); // 10 x ceil(399 / 16)
        assertThat(ample.finished).hasSize(10);
    }

    /**
     * Fast-forward may plan decode steps across KV block boundaries as long as the blocks they allocate (one per
     * sequence every block of tokens) fit: with room for everything, the first finish bounds it; with room for a
     * few blocks, exactly the steps whose allocations fit.
     */
    @Test
    void fastForwardLimitCrossesBlocksWhileTheyFit() {
        for (long blocks : new long[]{1000, 40}) {
            Harness h = new Harness(SchedulerPolicy.VLLM.withAdmissionWatermark(0), blocks);
            h.scheduler.enqueue(new Sequence(Request.plain(0, 0, 100, 300, 0), 0));
            h.scheduler.enqueue(new Sequence(Request.plain(1, 0, 130, 200, 0), 0));
            h.scheduler.enqueue(new Sequence(Request.plain(2, 0, 170, 250, 0), 0));
            BatchShape.Builder b = BatchShape.builder(0);
            double t = 0;
            do { // until the planned iteration only decodes
                b.reset();
                assertThat(h.scheduler.planIteration(b, t)).isTrue();
                t += 1;
                if (h.scheduler.fastForwardable()) {
                    break;
                }
                h.scheduler.completeIteration(t);
            } while (true);
            long limit = h.scheduler.fastForwardLimit();
            long step = h.scheduler.decodeStep();
            long available = h.scheduler.kvCache().available();
            long needed = 0;
            long fits = 0;
            for (long q = step + 1; q <= step + 10_000; q++) {
                needed += h.scheduler.blocksAtStep(q);
                if (needed > available) {
                    break;
                }
                fits++;
            }
            if (blocks == 1000) {
                // the first finish: request 1 has 200 - 1 tokens to decode after its first
                assertThat(limit).isGreaterThan(16).isLessThan(fits);
            } else {
                assertThat(limit).isEqualTo(fits).isLessThan(200);
            }
            // applying the limit's steps at once allocates what the steps one by one would
            long inUse = h.scheduler.kvCache().inUse();
            long sum = 0;
            for (long q = step + 1; q <= step + limit; q++) {
                sum += h.scheduler.blocksAtStep(q);
            }
            h.scheduler.skipDecodeSteps(limit, sum);
            assertThat(h.scheduler.kvCache().inUse()).isEqualTo(inUse + sum);
            assertThat(h.scheduler.kvCache().inUse()).isLessThanOrEqualTo(blocks);
        }
    }

    @Test
    void fullReservationNeverPreemptsAndAdmitsOnlyWhatFitsToTheEnd() {
        Harness h = new Harness(SchedulerPolicy.VLLM.withAdmissionWatermark(0)
                .withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE), 100);
        submit(h, 10, 100, 300);
        h.run();
        assertThat(h.preemptions).isEmpty();
        assertThat(h.maxInUse).isLessThanOrEqualTo(100);
        // 25 blocks per request: 4 at a time
        assertThat(h.shapes.stream().mapToInt(BatchShape::sequences).max().orElseThrow()).isEqualTo(4);
        assertThat(h.finished).hasSize(10);
    }

    @Test
    void chunkedPrefillFillsTheTokenBudgetNextToTheDecodes() {
        Harness h = new Harness(SchedulerPolicy.VLLM.withMaxBatchedTokens(512), 10_000);
        submit(h, 4, 1000, 50);
        h.run();
        for (BatchShape s : h.shapes) {
            assertThat(s.tokens()).isLessThanOrEqualTo(512);
        }
        // the first iterations are full prefill chunks; later ones mix a chunk with decodes
        assertThat(h.shapes.get(0).prefillTokens()).isEqualTo(512);
        assertThat(h.shapes).anySatisfy(s -> assertThat(s.prefillTokens() > 0 && s.decodeTokens() > 0).isTrue());
        // every prompt token prefilled once, every output token after the first decoded once
        assertThat(h.shapes.stream().mapToLong(BatchShape::prefillTokens).sum()).isEqualTo(4 * 1000);
        assertThat(h.shapes.stream().mapToLong(BatchShape::decodeTokens).sum()).isEqualTo(4 * 49);
    }

    @Test
    void withoutChunkingPromptsGoFirstAndDecodesWait() {
        Harness h = new Harness(SchedulerPolicy.VLLM.withChunkedPrefill(false), 10_000);
        submit(h, 3, 300, 5);
        h.run();
        assertThat(h.shapes.get(0).prefillTokens()).isEqualTo(900);
        assertThat(h.shapes).allSatisfy(s -> assertThat(s.prefillTokens() == 0 || s.decodeTokens() == 0).isTrue());
    }

    @Test
    void staticBatchingAdmitsTheNextBatchOnlyWhenTheLastFinished() {
        Harness h = new Harness(SchedulerPolicy.VLLM.withBatching(SchedulerPolicy.Batching.STATIC).withMaxSequences(4)
                .withKvReservation(SchedulerPolicy.KvReservation.FULL_SEQUENCE), 10_000);
        for (int i = 0; i < 8; i++) {
            h.scheduler.enqueue(new Sequence(Request.plain(i, 0, 100, i < 4 ? 10 + i * 10 : 10, 0), 0));
        }
        h.run();
        // batch 1: one prefill of 4 prompts, then decodes until the longest (40 tokens) ends: 39 steps
        assertThat(h.shapes.get(0).prefillSequences()).isEqualTo(4);
        assertThat(h.shapes.subList(1, 40)).allSatisfy(s -> assertThat(s.prefillTokens()).isZero());
        assertThat(h.shapes.get(40).prefillSequences()).isEqualTo(4);
        assertThat(h.finished).hasSize(8);
    }

    @Test
    void aggregatedDecodeShapeCostsTheSameAsPerSequenceShapes() {
        var model = Fixtures.LLAMA_8B_MODEL;
        BatchShape.Builder perSequence = model.newBatch();
        long sum = 0;
        for (int c = 100; c < 200; c++) {
            perSequence.addDecode(c);
            sum += c;
        }
        IterationCost a = model.iteration(perSequence.build());
        IterationCost b = model.iteration(model.newBatch().addDecodeSequences(100, sum).build());
        assertThat(b.seconds()).isEqualTo(a.seconds());
        assertThat(b.energyJoules()).isEqualTo(a.energyJoules());
    }
}
