package io.tokenomics.simulator.engine.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeSeriesTest {

    /** A hand-computed case: buckets of 0.5 s, a step function with changes inside and across buckets. */
    @Test
    void bucketsAreTimeWeightedAverages() {
        TimeSeries s = new TimeSeries(8, 0.5);
        s.record(0.25, 3); // 0 on [0, 0.25), 3 on [0.25, 1.1), 1 on [1.1, 1.5)
        s.record(1.1, 1);
        TimeSeries.Points p = s.points(1.5);
        assertThat(p.times()).containsExactly(0, 0.5, 1.0);
        assertThat(p.values()[0]).isEqualTo(3 * 0.25 / 0.5);
        assertThat(p.values()[1]).isEqualTo(3.0);
        assertThat(p.values()[2]).isCloseTo((3 * 0.1 + 1 * 0.4) / 0.5, within(1e-12));
        assertThat(p.peak()).isEqualTo(3);
    }

    /** Outgrowing the buckets merges neighbours: the averages are those of the wider buckets, nothing is lost. */
    @Test
    void mergingKeepsTheIntegral() {
        TimeSeries s = new TimeSeries(4, 1);
        s.record(0, 2);
        s.record(3, 6);
        TimeSeries.Points p = s.points(7); // buckets of 2 s after one merge: [0,2) 2, [2,4) (2+6)/2, [4,6) 6, [6,7) 6
        assertThat(p.times()).containsExactly(0, 2, 4, 6);
        assertThat(p.values()).containsExactly(2, 4, 6, 6);
    }

    /**
     * Several contributors adding their own steps in any order (a fast-forwarded replica adds a segment's steps late)
     * give the very same points as a single, time-ordered record of their sum: areas are exact integers.
     */
    @Test
    void contributionsInAnyOrderGiveTheSamePointsAsTheOrderedSum() {
        SplittableRandom random = new SplittableRandom(7);
        for (int run = 0; run < 30; run++) {
            int contributors = 1 + random.nextInt(5);
            List<long[]> steps = new ArrayList<>(); // {contributor, from µs, to µs, value}
            List<long[]> changes = new ArrayList<>(); // {time µs, delta}
            for (int c = 0; c < contributors; c++) {
                long t = 0;
                long v = 0;
                for (int i = 0; i < 300; i++) {
                    long next = t + 1 + random.nextLong(random.nextInt(20) == 0 ? 3_000_000 : 20_000);
                    steps.add(new long[]{c, t, next, v});
                    long nv = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
                    changes.add(new long[]{next, nv - v});
                    t = next;
                    v = nv;
                }
                steps.add(new long[]{c, t, Long.MAX_VALUE, v}); // held to the end
            }
            long end = changes.stream().mapToLong(x -> x[0]).max().orElseThrow() + 12_345;

            TimeSeries ordered = new TimeSeries(16, 0.01);
            changes.sort((a, b) -> Long.compare(a[0], b[0]));
            long total = 0;
            for (int i = 0; i < changes.size(); i++) {
                total += changes.get(i)[1];
                if (i + 1 == changes.size() || changes.get(i + 1)[0] != changes.get(i)[0]) {
                    ordered.record(changes.get(i)[0] / 1e6, total);
                }
            }
            TimeSeries.Points expected = ordered.points(end / 1e6);

            // each contributor as a Level, the contributors' changes interleaved in random order
            TimeSeries levels = new TimeSeries(16, 0.01);
            List<TimeSeries.Level> owners = new ArrayList<>();
            List<List<long[]>> perContributor = new ArrayList<>();
            for (int c = 0; c < contributors; c++) {
                owners.add(levels.level());
                perContributor.add(new ArrayList<>());
            }
            for (long[] st : steps) {
                perContributor.get((int) st[0]).add(st);
            }
            int[] next = new int[contributors];
            Random pick = new Random(run);
            for (int left = steps.size(); left > 0; left--) {
                int c;
                do {
                    c = pick.nextInt(contributors);
                } while (next[c] == perContributor.get(c).size());
                long[] st = perContributor.get(c).get(next[c]++);
                TimeSeries.Level l = owners.get(c);
                if (st[2] == Long.MAX_VALUE) {
                    l.close(end);
                } else {
                    l.step(st[2], (next[c] < perContributor.get(c).size() ? perContributor.get(c).get(next[c])[3]
                            : l.value()) - l.value());
                }
            }
            TimeSeries.Points viaLevels = levels.points(end / 1e6);
            assertThat(viaLevels.times()).isEqualTo(expected.times());
            assertThat(viaLevels.values()).isEqualTo(expected.values());

            TimeSeries shuffled = new TimeSeries(16, 0.01);
            Collections.shuffle(steps, new Random(run));
            for (long[] st : steps) {
                shuffled.add(st[1], Math.min(st[2], end), st[3]);
            }
            shuffled.notePeak((long) expected.peak());
            TimeSeries.Points actual = shuffled.points(end / 1e6);
            assertThat(actual.times()).isEqualTo(expected.times());
            assertThat(actual.values()).isEqualTo(expected.values());
        }
    }

    /** The peak is the largest value held for a positive time: a value replaced at the same instant does not count. */
    @Test
    void peakIgnoresValuesHeldForNoTime() {
        TimeSeries s = new TimeSeries(8, 1);
        s.record(1, 5);
        s.record(2, 9);
        s.record(2, 4); // 9 held for no time
        s.record(3, 0);
        assertThat(s.points(4).peak()).isEqualTo(5);
        TimeSeries t = new TimeSeries(8, 1);
        t.record(1, 5);
        t.record(2, 9);
        assertThat(t.points(2.5).peak()).isEqualTo(9);
    }

    /** The scale turns counts into shares (KV blocks into occupancy). */
    @Test
    void scaleAppliesToValuesAndPeak() {
        TimeSeries s = new TimeSeries(8, 1, 0.25);
        s.record(0, 2);
        TimeSeries.Points p = s.points(1);
        assertThat(p.values()).containsExactly(0.5);
        assertThat(p.peak()).isEqualTo(0.5);
    }
}
