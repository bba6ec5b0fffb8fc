package org.itpump.local;

import org.itpump.infra.Infrastructure;
import org.itpump.infra.InfrastructureUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * README's run command: starts PostgreSQL and Kafka (embedded unless ITPUMP_POSTGRES_URL /
 * KAFKA_BOOTSTRAP_SERVERS name external ones; the embedded broker on 9092 when that port is free, so that a local
 * integration engine can be pointed at it), then the four services on ports 8081-8084, the ops console on 8085 and
 * the integration gateway on 8086, waits until all are ready, prints where they are, and stops everything it
 * started on Ctrl-C.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    private static final String USAGE = """
            usage: deploy/local/run.sh [--demo [N]] [--mllp HOST:PORT]
              --demo [N]        once the platform is up, run N simulated patients (default 20) through the whole
                                pathway, then keep new patients moving through it (one step every few seconds)
              --mllp HOST:PORT  the gateway delivers every SIU message over MLLP to the engine listening there
                                (e.g. a Mirth Connect TCP Listener, localhost:6661); without it, SIU goes to Kafka only
            Environment: ITPUMP_POSTGRES_URL, KAFKA_BOOTSTRAP_SERVERS (external PostgreSQL / Kafka), SKIP_BUILD=1""";

    /** The embedded broker's port when it is free: Kafka's usual port, where a local engine looks first. */
    static final int PREFERRED_KAFKA_PORT = 9092;

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

    /** Where the broker came from: the embedded one on 9092, or why not. */
    private static String brokerNote(Infrastructure infrastructure) {
        if (infrastructure.broker().isEmpty()) {
            return " (external)";
        }
        return infrastructure.kafkaBootstrapServers().endsWith(":" + PREFERRED_KAFKA_PORT) ? " (embedded)"
                : " (embedded; " + PREFERRED_KAFKA_PORT + " was in use)";
    }

    public static void main(String[] args) throws InterruptedException {
        // {@code --demo N} runs N simulated patients once the platform is up; anything else is refused before start
        Options options = Options.parseOrExit(args, Options.known("--demo", Options.Kind.OPTIONAL_NUMBER,
                "--mllp", Options.Kind.TEXT), USAGE);
        int demoPatients = options.has("--demo") ? options.number("--demo", 20) : 0;
        Map<String, String> engines = options.has("--mllp") ? Map.of("engine", options.text("--mllp", "")) : Map.of();
        Path root = Path.of(System.getProperty("itpump.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/local/target/run");
        long started = System.nanoTime();
        Infrastructure infrastructure;
        try {
            System.out.println("Starting PostgreSQL and Kafka ...");
            infrastructure = Infrastructure.start(work.resolve("kafka"), PREFERRED_KAFKA_PORT);
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
            System.out.println("Starting the ops console and the integration gateway ...");
            platform.startOpsConsole(Platform.OPS_CONSOLE_PORT, System.out::println);
            platform.startGateway(Platform.GATEWAY_PORT, engines, Map.of(), System.out::println);
        } catch (RuntimeException e) {
            System.err.println("Cannot start: " + e.getMessage() + " (logs in " + work.resolve("logs") + ")");
            platform.close();
            infrastructure.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // the demo's moving patients stop first, so that no call meets a service already stopped
        java.util.concurrent.atomic.AtomicReference<Thread> mover = new java.util.concurrent.atomic.AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Thread moving = mover.get();
            if (moving != null) {
                moving.interrupt();
                try {
                    moving.join(15_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
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
        String console = platform.url(Platform.OPS_CONSOLE), gateway = platform.url(Platform.GATEWAY);
        System.out.printf("%n  Ops console       %s   (development sign-in: %s/sign-in)%n", console, console);
        System.out.printf("  FHIR R4 base      %s/fhir/r4   (CapabilityStatement: %s/fhir/r4/metadata; roles integration, clinician)%n",
                gateway, gateway);
        System.out.println("  HL7 v2 SIU        " + (engines.isEmpty()
                ? "no MLLP engine (run.sh --mllp HOST:PORT delivers to one, e.g. a Mirth TCP Listener); ER7 on Kafka itpump.integration.hl7v2"
                : "MLLP to " + engines.get("engine") + " (itpump.gateway.delivery.mllp.engine.*) and ER7 on Kafka itpump.integration.hl7v2"));
        System.out.printf("%n  Kafka %s%s   logs %s%n", infrastructure.kafkaBootstrapServers(), brokerNote(infrastructure),
                work.resolve("logs"));
        writeTokens(platform, work.resolve("jwt/tokens.txt"));
        System.out.printf("  Development bearer tokens (12 h, this run's key only): %s%n%n", work.resolve("jwt/tokens.txt"));
        if (demoPatients > 0) {
            System.out.printf("Demo: %d simulated patients through the whole pathway%n", demoPatients);
            Demo.print(Demo.run(platform, demoPatients, System.nanoTime(), System.out), System.out);
            mover.set(Demo.keepMoving(platform, System.nanoTime(), Demo.STEP, System.out));
            System.out.printf("%nThe platform keeps running, and new demo patients keep moving through the pathway (one step"
                    + " every %d s: watch the week board at %s/?span=week); Ctrl-C stops everything.%n", Demo.STEP.toSeconds(), console);
        }
        stopped.await();
    }
}
