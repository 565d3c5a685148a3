package io.tokenomics.devstack;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code ./tokenomics up|down}: the local run of the whole platform. */
@Command(name = "tokenomics", mixinStandardHelpOptions = true,
        description = "Runs Tokenomics locally on real PostgreSQL, Kafka and Keycloak, without Docker.",
        subcommands = {TokenomicsCommand.Up.class, TokenomicsCommand.Down.class, GatewayBenchmark.class,
                ImageVerification.class})
public final class TokenomicsCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new TokenomicsCommand()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static Path pidFile(DevstackLayout layout) {
        return layout.stateDir().resolve("up.pid");
    }

    @Command(name = "up", description = "Start everything, print the URL and demo logins, stop on Ctrl-C.")
    static final class Up implements Callable<Integer> {
        @Option(names = "--gateway-port", defaultValue = "8080")
        int gatewayPort;
        @Option(names = "--catalog-port", defaultValue = "8081")
        int catalogPort;
        @Option(names = "--simulator-port", defaultValue = "8082")
        int simulatorPort;
        @Option(names = "--pricing-port", defaultValue = "8083")
        int pricingPort;
        @Option(names = "--postgres-port", defaultValue = "15432")
        int postgresPort;
        @Option(names = "--keycloak-port", defaultValue = "8180")
        int keycloakPort;
        @Option(names = "--keycloak-management-port", defaultValue = "9180")
        int keycloakManagementPort;
        @Option(names = "--json-logs", description = "Services log JSON lines.")
        boolean jsonLogs;

        @Override
        public Integer call() throws Exception {
            DevstackLayout layout = DevstackLayout.detect();
            Path state = PlatformStack.createDirectories(layout.stateDir());
            Optional<ProcessHandle> running = runningStack(layout);
            if (running.isPresent()) {
                System.err.println("Tokenomics is already up (pid " + running.get().pid() + "); run ./tokenomics down first.");
                return 1;
            }
            long begin = System.nanoTime();
            var options = new PlatformStack.Options(
                    new PlatformStack.Ports(gatewayPort, catalogPort, simulatorPort, pricingPort, postgresPort,
                            keycloakPort, keycloakManagementPort),
                    state, true, jsonLogs,
                    Duration.ofSeconds(240), Duration.ofSeconds(120));
            PlatformStack stack = PlatformStack.start(layout, options, line -> System.out.println("[tokenomics] " + line));
            Files.writeString(pidFile(layout), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                System.out.println("[tokenomics] stopping ...");
                stack.close();
                try {
                    Files.deleteIfExists(pidFile(layout));
                } catch (IOException ignored) {
                    // the next up checks whether the pid is alive
                }
                stopped.countDown();
            }, "tokenomics-shutdown"));
            double seconds = (System.nanoTime() - begin) / 1e9;
            System.out.printf("""

                    Tokenomics is ready after %.1f s.
                      Web app:          %s/app/  (log in with a demo user below)
                      API:              %s/api/...  (one OpenAPI document at /openapi, Swagger UI at /q/swagger-ui)
                      Keycloak:         %s  (admin console: %s / %s - DEMO credentials)
                      Kafka:            %s
                      PostgreSQL:       127.0.0.1:%d (data in %s)
                      Logs:             %s

                    Demo logins (DEMO credentials, realm 'tokenomics'; password = "demo-" + user name):
                      acme-viewer, acme-analyst, acme-admin, acme-platform-admin
                      globex-viewer, globex-analyst, globex-admin, globex-platform-admin

                    Get a token:  curl -s -d client_id=cli -d grant_type=password -d username=acme-analyst -d password=demo-acme-analyst %s
                    Stop with Ctrl-C or ./tokenomics down.
                    %n""", seconds, stack.gatewayUrl(), stack.gatewayUrl(), stack.keycloak().baseUrl(), KeycloakServer.DEMO_ADMIN_USER,
                    KeycloakServer.DEMO_ADMIN_PASSWORD, stack.kafkaBootstrapServers(), stack.postgresPort(),
                    state.resolve("postgres"), state.resolve("logs"), stack.keycloak().tokenUrl());
            System.out.println("[tokenomics] memory (RSS, MiB): " + stack.residentMemory().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue() / (1024 * 1024)).toList());
            stopped.await();
            return 0;
        }
    }

    @Command(name = "down", description = "Stop a running ./tokenomics up.")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            DevstackLayout layout = DevstackLayout.detect();
            Optional<ProcessHandle> running = runningStack(layout);
            if (running.isEmpty()) {
                System.out.println("Tokenomics is not running.");
                return 0;
            }
            running.get().destroy();
            try {
                running.get().onExit().get(90, TimeUnit.SECONDS);
                System.out.println("Tokenomics stopped.");
                return 0;
            } catch (java.util.concurrent.TimeoutException e) {
                System.err.println("Tokenomics (pid " + running.get().pid() + ") did not stop within 90 s.");
                return 1;
            }
        }
    }

    static Optional<ProcessHandle> runningStack(DevstackLayout layout) throws IOException {
        Path pid = pidFile(layout);
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(ProcessHandle::isAlive);
    }
}
