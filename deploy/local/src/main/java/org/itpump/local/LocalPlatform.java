package org.itpump.local;

import org.itpump.infra.Infrastructure;
import org.itpump.infra.InfrastructureUnavailableException;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * README's run command: starts PostgreSQL and Kafka (embedded unless ITPUMP_POSTGRES_URL /
 * KAFKA_BOOTSTRAP_SERVERS name external ones), then the four services on ports 8081-8084, waits until all are
 * ready, prints where they are, and stops everything it started on Ctrl-C.
 */
public final class LocalPlatform {

    private LocalPlatform() {
    }

    public static void main(String[] args) throws InterruptedException {
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
            String url = platform.url(service);
            System.out.printf("  %-17s %s   OpenAPI UI %s/q/swagger-ui   health %s/q/health%n", service, url, url, url);
        });
        System.out.printf("%n  Kafka %s   logs %s%n%n", infrastructure.kafkaBootstrapServers(), work.resolve("logs"));
        stopped.await();
    }
}
