package io.tokenomics.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident set size of a process and its descendants, from /proc/PID/status. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    public static long residentBytes(ProcessHandle handle) {
        return Stream.concat(Stream.of(handle), handle.descendants())
                .mapToLong(h -> rss(h.pid()))
                .sum();
    }

    static long rss(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
