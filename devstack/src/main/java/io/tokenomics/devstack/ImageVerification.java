package io.tokenomics.devstack;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code ./tokenomics verify-images}: proves that pushed images run, without a container engine. Each image of
 * {@code images.properties} is pulled from its registry by digest, unpacked into a root filesystem and started as a
 * Kubernetes pod of the chart would run it: user 185, read-only root filesystem with a fresh /tmp, its own mount and
 * PID namespace (unshare + chroot, as root), on a real PostgreSQL. It passes when {@code /q/health/live} answers 200.
 */
@Command(name = "verify-images", description = "Pull the images listed by ./tokenomics images and start each one.")
final class ImageVerification implements Callable<Integer> {
    /** Module to the prefix of its database environment variables and its database name. */
    private static final Map<String, String> DATABASES = new LinkedHashMap<>();

    static {
        DATABASES.put(PlatformStack.CATALOG, "catalog");
        DATABASES.put(PlatformStack.SIMULATOR, "simulator");
        DATABASES.put(PlatformStack.PRICING, "pricing");
        DATABASES.put(PlatformStack.GATEWAY, "gateway");
    }

    @Option(names = "--images", required = true, description = "images.properties written by ./tokenomics images")
    Path images;
    @Option(names = "--timeout", defaultValue = "180", description = "Seconds each service gets to become live.")
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(images)) {
            props.load(in);
        }
        boolean plainHttp = Boolean.parseBoolean(props.getProperty("insecure", "false"));
        Path work = images.toAbsolutePath().getParent().resolve("verify");
        FileTrees.delete(work);
        int passed = 0;
        List<String> failed = new ArrayList<>();
        try (PostgresServer postgres = PostgresServer.start(0, null)) {
            for (Map.Entry<String, String> entry : DATABASES.entrySet()) {
                String module = entry.getKey();
                String reference = props.getProperty(module);
                if (reference == null) {
                    continue;
                }
                try {
                    verify(ImageReference.parse(reference), module, postgres.database(entry.getValue()),
                            new RegistryPull(plainHttp), work.resolve(module));
                    passed++;
                } catch (Exception e) {
                    failed.add(module);
                    System.out.println("[verify-images] FAIL " + module + ": " + e.getMessage());
                } finally {
                    FileTrees.delete(work.resolve(module).resolve("rootfs"));
                    FileTrees.delete(work.resolve(module).resolve("blobs"));
                }
            }
        }
        System.out.println("verify-images: " + passed + " passed, " + failed.size() + " failed");
        return passed > 0 && failed.isEmpty() ? 0 : 1;
    }

    private void verify(ImageReference image, String module, PostgresServer.Database db, RegistryPull registry, Path dir)
            throws IOException, InterruptedException {
        long begin = System.nanoTime();
        Path rootfs = dir.resolve("rootfs");
        RegistryPull.PulledImage pulled = registry.pull(image, rootfs, dir.resolve("blobs"));
        if (!pulled.tagDigest().equals(image.digest())) {
            throw new IllegalStateException("tag " + image.tag() + " points at " + pulled.tagDigest() + ", not " + image.digest());
        }
        if (!pulled.user().equals("185")) {
            throw new IllegalStateException("image user is '" + pulled.user() + "', expected the non-root 185");
        }
        long unpacked = sizeOf(rootfs);
        System.out.printf("[verify-images] %s: %d layers, %.1f MiB compressed, %.1f MiB unpacked, pulled in %.1f s%n",
                image, pulled.layers(), pulled.compressedBytes() / 1048576.0, unpacked / 1048576.0,
                (System.nanoTime() - begin) / 1e9);

        // What the pod will see: uid 185, a read-only root, a writable /tmp, and a java on the PATH.
        String probe = run(rootfs, pulled, Map.of(), List.of("sh", "-c", """
                echo "uid=$(id -u)"
                if touch /.write-test 2>/dev/null; then echo root=writable; else echo root=read-only; fi
                if touch /tmp/.write-test; then echo tmp=writable; fi
                java -version 2>&1 | head -1"""), dir.resolve("probe.log"), null);
        List<String> lines = probe.lines().toList();
        if (!lines.containsAll(List.of("uid=185", "root=read-only", "tmp=writable")) || lines.size() < 4
                || !lines.get(3).contains("version")) {
            throw new IllegalStateException("unexpected environment inside the image: " + lines);
        }
        System.out.println("[verify-images]   inside: uid=185, read-only root, writable /tmp, " + lines.get(3));

        int port = PlatformStack.freePort();
        String prefix = DATABASES.get(module).toUpperCase();
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "_DB_USER", db.user());
        env.put(prefix + "_DB_PASSWORD", db.password());
        env.put(prefix + "_DB_JDBC_URL", db.jdbcUrl());
        env.put(prefix + "_DB_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // Kafka and Keycloak are not needed to become live: point them at a closed port and do not wait for OIDC.
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9");
        env.put("OIDC_AUTH_SERVER_URL", "http://127.0.0.1:9/realms/tokenomics");
        env.put("QUARKUS_OIDC_CONNECTION_DELAY", "0S");
        // What the chart sets (JVM options through the launcher's own variable), with a small heap for this check.
        env.put("JDK_JAVA_OPTIONS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.io.tmpdir=/tmp");
        long start = System.nanoTime();
        run(rootfs, pulled, env, pulled.command(), dir.resolve(module + ".log"), URI.create("http://127.0.0.1:" + port + "/q/health/live"));
        System.out.printf("[verify-images]   PASS %s: /q/health/live answered 200 after %.1f s%n",
                module, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs a command inside the unpacked image. With {@code live} it waits for that URL to answer 200 and stops the
     * process; without it waits for the command to exit 0. Returns the output.
     */
    private String run(Path rootfs, RegistryPull.PulledImage image, Map<String, String> extraEnv, List<String> command,
                       Path log, URI live) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child", "--",
                "sh", "-ec", """
                        r=$1; shift
                        mount --bind "$r" "$r"; mount -o remount,bind,ro "$r"
                        mount -t proc proc "$r/proc"; mount --rbind /dev "$r/dev"; mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
                        exec chroot --userspec=185:185 "$r" "$@"
                        """, "sh", rootfs.toString(), "/usr/bin/env", "-i", "-C", image.workingDir()));
        argv.addAll(image.env());
        extraEnv.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(command);
        ChildProcess child = ChildProcess.start(command.get(0), argv, Map.of(), rootfs.getParent(), log);
        try {
            if (live != null) {
                ReadinessProbe.awaitOk(command.get(command.size() - 1), live, Duration.ofSeconds(timeoutSeconds), child::isAlive);
            } else {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (child.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                if (child.isAlive() || child.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed in the image: " + Files.readString(log));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; see " + log, e);
        } finally {
            child.close();
        }
        return Files.readString(log);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
