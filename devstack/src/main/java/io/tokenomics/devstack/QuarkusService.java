package io.tokenomics.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One of the platform's Quarkus services, run from its built fast-jar as a child process. */
public final class QuarkusService implements AutoCloseable {
    private final String module;
    private final int port;
    private final ChildProcess process;

    private QuarkusService(String module, int port, ChildProcess process) {
        this.module = module;
        this.port = port;
        this.process = process;
    }

    /**
     * @param config Quarkus configuration passed as system properties (overrides application.properties)
     */
    public static QuarkusService start(Path jar, String module, int port, Map<String, String> config, Path log,
                                       Duration timeout) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1"));
        new TreeMap<>(config).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        ChildProcess child = ChildProcess.start(module, command, Map.of(), jar.getParent(), log);
        QuarkusService service = new QuarkusService(module, port, child);
        try {
            ReadinessProbe.awaitOk(module, URI.create(service.baseUrl() + "/q/health/ready"), timeout, child::isAlive);
        } catch (RuntimeException e) {
            child.close();
            throw new IllegalStateException(e.getMessage() + "; see " + log, e);
        }
        return service;
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String module() {
        return module;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    long residentBytes() {
        return process.residentBytes();
    }

    Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
    }
}
