package io.tokenomics.simulator.engine.simulation;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, sequence number): O(log n) insertion and removal of the earliest,
 * and a deterministic order for simultaneous events (the one scheduled first fires first).
 */
final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Event e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!earlier(e, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    Event peek() {
        return size == 0 ? null : heap[0];
    }

    Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                Event c = heap[child];
                int right = child + 1;
                if (right < size && earlier(heap[right], c)) {
                    child = right;
                    c = heap[child];
                }
                if (!earlier(c, last)) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }

    private static boolean earlier(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }
}
