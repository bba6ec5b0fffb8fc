package org.itpump.local;

import org.itpump.infra.Infrastructure;
import org.itpump.infra.InfrastructureUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * README's run command: starts PostgreSQL and Kafka (embedded unless ITPUMP_POSTGRES_URL /
 * KAFKA_BOOTSTRAP_SERVERS name external ones), then the four services on ports 8081-8084 and the ops console on
 * 8085, waits until all are ready, prints where they are, and stops everything it started on Ctrl-C.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    private static final String USAGE = """
            usage: deploy/local/run.sh [--demo [N]]
              --demo [N]   once the platform is up, run N simulated patients (default 20) through the whole pathway
            Environment: ITPUMP_POSTGRES_URL, KAFKA_BOOTSTRAP_SERVERS (external PostgreSQL / Kafka), SKIP_BUILD=1""";

    /** One token per role, and one with every role, for curl -H "Authorization: Bearer $TOKEN". */
    private static void writeTokens(Platform platform, Path file) {
        StringBuilder tokens = new StringBuilder("# role=token, signed with this run's development key\n");
        for (String role : Roles.ALL) {
            tokens.append(role).append('=').append(platform.token("local-" + role, role)).append('\n');
        }
        tokens.append("all=").append(platform.token("local-all", Roles.ALL)).append('\n');
        try {
            Files.writeString(file, tokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        // {@code --demo N} runs N simulated patients once the platform is up; anything else is refused before start
        Options options = Options.parseOrExit(args, Options.known("--demo", Options.Kind.OPTIONAL_NUMBER), USAGE);
        int demoPatients = options.has("--demo") ? options.number("--demo", 20) : 0;
        Path root = Path.of(System.getProperty("itpump.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/local/target/run");
        long started = System.nanoTime();
        Infrastructure infrastructure;
        try {
            System.out.println("Starting PostgreSQL and Kafka ...");
            infrastructure = Infrastructure.start(work.resolve("kafka"));
        } catch (InfrastructureUnavailableException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("  " + infrastructure.describe());
        System.out.println("Starting the four services ...");
        Platform platform;
        try {
            platform = Platform.start(infrastructure, root, work.resolve("logs"), "itpump", false,
                    Platform.SERVICES, System.out::println);
        } catch (RuntimeException e) {
            System.err.println("Cannot start: " + e.getMessage() + " (logs in " + work.resolve("logs") + ")");
            infrastructure.close();
            System.exit(1);
            return;
        }
        try {
            System.out.println("Starting the ops console ...");
            platform.startOpsConsole(Platform.OPS_CONSOLE_PORT, System.out::println);
        } catch (RuntimeException e) {
            System.err.println("Cannot start the ops console: " + e.getMessage() + " (logs in " + work.resolve("logs") + ")");
            platform.close();
            infrastructure.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the services, Kafka and PostgreSQL ...");
            platform.close();
            infrastructure.close();
            stopped.countDown();
        }, "itpump-stop"));

        System.out.printf("%nThe platform is up (%.1f s). Ctrl-C stops everything.%n%n",
                (System.nanoTime() - started) / 1e9);
        Platform.SERVICES.keySet().forEach(service -> {
            String url = platform.url(service), management = platform.managementUrl(service);
            System.out.printf("  %-17s %s   OpenAPI %s/q/openapi   health %s/q/health%n", service, url, management, management);
        });
        System.out.printf("%n  Ops console       %s   (development sign-in: %s/sign-in)%n", platform.url(Platform.OPS_CONSOLE),
                platform.url(Platform.OPS_CONSOLE));
        System.out.printf("%n  Kafka %s   logs %s%n", infrastructure.kafkaBootstrapServers(), work.resolve("logs"));
        writeTokens(platform, work.resolve("jwt/tokens.txt"));
        System.out.printf("  Development bearer tokens (12 h, this run's key only): %s%n%n", work.resolve("jwt/tokens.txt"));
        if (demoPatients > 0) {
            System.out.printf("Demo: %d simulated patients through the whole pathway%n", demoPatients);
            Demo.print(Demo.run(platform, demoPatients, System.nanoTime(), System.out), System.out);
            System.out.println("\nThe platform keeps running; Ctrl-C stops everything.");
        }
        stopped.await();
    }
}
