package org.itpump.infra;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Kafka and PostgreSQL from Testcontainers, the path taken where a Docker engine exists (unless
 * ITPUMP_INFRA=embedded). Only a cheap check decides it: no Docker socket, no attempt.
 */
final class ContainerServers {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:16-alpine";

    private ContainerServers() {
    }

    static boolean dockerPresent() {
        if (Infrastructure.setting("ITPUMP_INFRA").filter("embedded"::equalsIgnoreCase).isPresent()) {
            return false;
        }
        return Infrastructure.setting("DOCKER_HOST").isPresent()
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker/run/docker.sock"));
    }

    static Optional<PostgresServer> postgres() {
        if (!dockerPresent()) {
            return Optional.empty();
        }
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "itpump-postgres-container-stop"));
        return Optional.of(PostgresServer.external("postgresql://" + container.getUsername() + ":"
                + container.getPassword() + "@" + container.getHost() + ":" + container.getFirstMappedPort()));
    }

    static Optional<String> kafka() {
        if (!dockerPresent()) {
            return Optional.empty();
        }
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "itpump-kafka-container-stop"));
        return Optional.of(container.getBootstrapServers());
    }
}
