package org.itpump.chassis.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Kafka outage far longer than a send's delivery timeout (the broker killed for several failed rounds of
 * sends) puts no extra copies on the topic: the relay re-sends a row only after its previous send definitely
 * failed, so when the broker is back the engines read each event exactly once, in order. Needs the broker this
 * JVM started (skipped with an external KAFKA_BOOTSTRAP_SERVERS).
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxRelayOutageTest {

    @Inject
    Pool pool;
    @Inject
    MeterRegistry meters;

    private String topic;

    @AfterEach
    void cleanUp() {
        if (topic != null) {
            RelayFixture.forget(pool, topic);
        }
    }

    @Test
    void aLongKafkaOutageDoesNotMultiplyTheCopiesOfAnEvent() {
        Optional<KafkaBroker> started = Infrastructure.shared().broker();
        Assumptions.assumeTrue(started.isPresent(), "needs a broker this JVM can kill");
        KafkaBroker broker = started.get();
        topic = RelayFixture.createTopic("outage", Map.of());
        String pathwayId = UUID.randomUUID().toString();
        // the topic in use before the outage, as in production: the producer knows where it lives
        List<UUID> committed = new ArrayList<>(RelayFixture.append(pool, topic, pathwayId, RelayFixture.steps(1)));
        RelayFixture.await(() -> RelayFixture.unpublished(pool, topic) == 0, Duration.ofSeconds(30), "published before the outage");

        broker.kill();
        try {
            double failedBefore = failedSends();
            committed.addAll(RelayFixture.append(pool, topic, pathwayId, RelayFixture.steps(30)));
            // three definite failures take at least 3 x delivery.timeout.ms (4 s): the old relay re-sent every poll (1 s)
            RelayFixture.await(() -> failedSends() >= failedBefore + 3, Duration.ofSeconds(90), "three failed rounds of sends");
            assertEquals(30, RelayFixture.unpublished(pool, topic), "nothing is marked published while the broker is down");
        } finally {
            broker.restart();
        }

        RelayFixture.await(() -> RelayFixture.unpublished(pool, topic) == 0, Duration.ofSeconds(90), "published after the outage");
        List<ConsumerRecord<String, String>> records = RelayFixture.read(topic, 31, Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertEquals(committed, RelayFixture.ids(records), "each event exactly once, in order, after the outage");
    }

    private double failedSends() {
        return Optional.ofNullable(meters.find("itpump.outbox.failed.sends").tag("outcome", "retried").counter())
                .map(Counter::count).orElse(0.0);
    }
}
