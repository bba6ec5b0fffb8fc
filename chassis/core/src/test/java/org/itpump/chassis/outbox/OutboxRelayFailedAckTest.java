package org.itpump.chassis.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.KafkaBroker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A send whose ack never comes: the broker is frozen (SIGSTOP) while the relay sends, so every send times out
 * (request.timeout.ms, then delivery.timeout.ms). Its rows stay unpublished and nothing is parked. When the
 * broker wakes it may still write the requests it had received, so an event can be on the topic once without
 * its ack; the relay then publishes each row once more at most, and the first copies stay in position order.
 * Needs the broker this JVM started (skipped with an external KAFKA_BOOTSTRAP_SERVERS).
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxRelayFailedAckTest {

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
    void rowsWhoseAckNeverCameStayUnpublishedAndArePublishedOnceMoreAtMost() {
        Optional<KafkaBroker> started = Infrastructure.shared().broker();
        Assumptions.assumeTrue(started.isPresent(), "needs a broker this JVM can freeze");
        KafkaBroker broker = started.get();
        topic = RelayFixture.createTopic("unacked", Map.of());
        String pathwayId = UUID.randomUUID().toString();
        List<UUID> committed = new ArrayList<>(RelayFixture.append(pool, topic, pathwayId, RelayFixture.steps(1)));
        RelayFixture.await(() -> RelayFixture.unpublished(pool, topic) == 0, Duration.ofSeconds(30), "published before the freeze");

        broker.freeze();
        try {
            double failedBefore = failedSends();
            committed.addAll(RelayFixture.append(pool, topic, pathwayId, RelayFixture.steps(10)));
            // a send fails definitely after delivery.timeout.ms (4 s here): two failures take at least 8 s
            RelayFixture.await(() -> failedSends() >= failedBefore + 2, Duration.ofSeconds(60), "two sends without an ack");
            assertEquals(10, RelayFixture.unpublished(pool, topic), "no row without an ack is marked published");
            assertEquals(0, RelayFixture.count(pool, "parked_at is not null", topic), "a timeout parks nothing");
        } finally {
            broker.thaw();
        }

        RelayFixture.await(() -> RelayFixture.unpublished(pool, topic) == 0, Duration.ofSeconds(60), "published after the broker woke");
        List<UUID> onTopic = RelayFixture.ids(RelayFixture.read(topic, 11, Duration.ofSeconds(30), Duration.ofSeconds(3)));
        Map<UUID, Long> copies = onTopic.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(new LinkedHashSet<>(committed), copies.keySet(), "every row is on the topic");
        assertTrue(copies.values().stream().allMatch(count -> count <= 2), "once more at most: " + copies);
        assertEquals(committed, List.copyOf(new LinkedHashSet<>(onTopic)), "the first copies in position order");
    }

    private double failedSends() {
        return Optional.ofNullable(meters.find("itpump.outbox.failed.sends").tag("outcome", "retried").counter())
                .map(Counter::count).orElse(0.0);
    }
}
