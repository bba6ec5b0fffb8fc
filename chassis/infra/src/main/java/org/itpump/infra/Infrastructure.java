package org.itpump.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker and PostgreSQL server that tests and local runs use, in this order of preference:
 * external servers named by {@value #KAFKA_BOOTSTRAP} / {@value #POSTGRES_URL} (environment or system
 * property); Testcontainers where a Docker engine exists; otherwise a real broker and a real PostgreSQL
 * started here from Maven Central artifacts (no Docker needed).
 */
public final class Infrastructure implements AutoCloseable {

    public static final String KAFKA_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String POSTGRES_URL = "ITPUMP_POSTGRES_URL";

    private static Infrastructure shared;
    private static final Map<String, PostgresServer.DatabaseRoles> RECREATED = new ConcurrentHashMap<>();

    private final PostgresServer postgres;
    private final KafkaBroker broker;
    private final String bootstrapServers;

    private Infrastructure(PostgresServer postgres, KafkaBroker broker, String bootstrapServers) {
        this.postgres = postgres;
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts (once per JVM) what is not given from outside. */
    public static synchronized Infrastructure shared() {
        if (shared == null) {
            shared = start(Path.of(System.getProperty("java.io.tmpdir"), "itpump-kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "itpump-infra-stop"));
        }
        return shared;
    }

    /**
     * The settings of an application under test (a service, or the chassis' own test application): the shared
     * broker and PostgreSQL, and a database named after the application's own plus "_test", created afresh once
     * per JVM (test classes of one run share their data), with the pathway topics created. Flyway connects as the
     * database's owner role and the application as its runtime role, which owns nothing (as in production).
     */
    public static Map<String, String> applicationUnderTest(String database) {
        Infrastructure infrastructure = shared();
        PostgresServer postgres = infrastructure.postgres();
        String testDatabase = database + "_test";
        PostgresServer.DatabaseRoles roles = RECREATED.computeIfAbsent(testDatabase, name -> {
            PostgresServer.DatabaseRoles created = postgres.recreateDatabase(name);
            PathwayTopics.ensure(infrastructure.kafkaBootstrapServers());
            return created;
        });
        return Map.of(
                "itpump.db.host", postgres.host(),
                "itpump.db.port", String.valueOf(postgres.port()),
                "itpump.db.name", testDatabase,
                "quarkus.datasource.username", roles.runtime(),
                "quarkus.datasource.password", roles.runtimePassword(),
                "quarkus.flyway.username", roles.owner(),
                "quarkus.flyway.password", roles.ownerPassword(),
                "kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
    }

    public static Infrastructure start(Path kafkaParent) {
        return start(kafkaParent, 0);
    }

    /**
     * As {@link #start(Path)}; an embedded broker listens on {@code preferredKafkaPort} when that port is free
     * (e.g. 9092, so that a local integration engine can be pointed at it), else on a free port (0: any free port).
     */
    public static Infrastructure start(Path kafkaParent, int preferredKafkaPort) {
        PostgresServer postgres = setting(POSTGRES_URL).map(PostgresServer::external)
                .or(ContainerServers::postgres)
                .orElseGet(PostgresServer::embedded);
        Optional<String> external = setting(KAFKA_BOOTSTRAP).or(ContainerServers::kafka);
        if (external.isPresent()) {
            checkKafkaReachable(external.get());
            return new Infrastructure(postgres, null, external.get());
        }
        try {
            Files.createDirectories(kafkaParent);
            KafkaBroker broker = KafkaBroker.start(Files.createTempDirectory(kafkaParent, "broker-"), preferredKafkaPort);
            return new Infrastructure(postgres, broker, broker.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String kafkaBootstrapServers() {
        return bootstrapServers;
    }

    /** The broker started here, for tests that kill and restart it; empty when the broker is external. */
    public Optional<KafkaBroker> broker() {
        return Optional.ofNullable(broker);
    }

    public String describe() {
        return (broker != null ? "embedded Kafka broker" : "Kafka") + " at " + bootstrapServers + ", " + postgres.describe();
    }

    public static Optional<String> setting(String name) {
        return Optional.ofNullable(System.getProperty(name)).or(() -> Optional.ofNullable(System.getenv(name)))
                .map(String::trim).filter(value -> !value.isEmpty());
    }

    private static void checkKafkaReachable(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new InfrastructureUnavailableException("Kafka at " + bootstrapServers + " is not reachable. Start it, fix "
                    + KAFKA_BOOTSTRAP + ", or unset it to use an embedded broker.");
        }
    }

    @Override
    public void close() {
        if (broker != null) {
            broker.close();
        }
        postgres.close();
    }
}
