package org.itpump.chassis.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.outbox.RelayFixture.Pending;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows Kafka can never take are parked, alerted once at ERROR and counted (itpump_outbox_parked), and never hold
 * up the rows behind them, of their own pathway included. Members of the kind: a record over the producer's
 * max.request.size (1,000,000 bytes), an invalid topic name, and a record over a topic's smaller
 * max.message.bytes, refused by the broker itself.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxRelayParkingTest {

    private static final String INVALID_TOPIC = "chassis-test.not a topic!";

    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry meters;

    private final List<String> topics = new ArrayList<>(List.of(INVALID_TOPIC));
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final Handler alerts = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(OutboxRelay.class.getName()).addHandler(alerts);
    }

    @AfterEach
    void cleanUp() {
        Logger.getLogger(OutboxRelay.class.getName()).removeHandler(alerts);
        topics.forEach(topic -> RelayFixture.forget(pool, topic));
    }

    @Test
    void rowsTheProducerRefusesAreParkedAndTheRowsBehindThemArePublishedInOrder() {
        String topic = RelayFixture.createTopic("parking", Map.of());
        topics.add(topic);
        String large = "{\"note\":\"" + "x".repeat(900_000) + "\"}";          // 900,011 B: under the 1,000,000 B limit
        String tooLarge = "{\"note\":\"" + "x".repeat(1_000_000) + "\"}";     // 1,000,011 B payload alone is over it
        List<UUID> ids = RelayFixture.append(pool, UUID.randomUUID().toString(), List.of(
                new Pending(topic, "{\"step\":1}"),
                new Pending(topic, tooLarge),
                new Pending(topic, "{\"step\":3}"),
                new Pending(INVALID_TOPIC, "{\"step\":4}"),
                new Pending(topic, large),
                new Pending(topic, "{\"step\":6}")));

        RelayFixture.await(() -> unpublished() == 0, Duration.ofSeconds(60), "every row published or parked");

        List<UUID> publishable = List.of(ids.get(0), ids.get(2), ids.get(4), ids.get(5));
        assertEquals(publishable, RelayFixture.ids(RelayFixture.read(topic, 4, Duration.ofSeconds(30), Duration.ofSeconds(2))),
                "the rows behind the parked ones are published once each, in position order");
        publishable.forEach(this::assertPublished);
        assertParked(ids.get(1), "RecordTooLargeException");
        assertParked(ids.get(3), "InvalidTopicException");
        assertAlertedOnce(List.of(ids.get(1), ids.get(3)));
        assertGaugeCountsParkedRows();
    }

    @Test
    void aRowTheBrokerRefusesAsTooLargeIsParkedAndTheRowsBehindItArePublished() {
        String topic = RelayFixture.createTopic("small", Map.of("max.message.bytes", "2048"));
        topics.add(topic);
        String overTopicLimit = "{\"note\":\"" + "x".repeat(5_000) + "\"}";   // 5,011 B > 2,048 B, < max.request.size
        List<UUID> ids = RelayFixture.append(pool, UUID.randomUUID().toString(), List.of(
                new Pending(topic, "{\"step\":1}"),
                new Pending(topic, overTopicLimit),
                new Pending(topic, "{\"step\":3}"),
                new Pending(topic, "{\"step\":4}")));

        RelayFixture.await(() -> unpublished() == 0, Duration.ofSeconds(60), "every row published or parked");

        // Each once. Their order is Kafka's: the producer splits the refused batch, and may write a later batch first.
        List<UUID> onTopic = RelayFixture.ids(RelayFixture.read(topic, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)));
        assertEquals(3, onTopic.size(), "each once: " + onTopic);
        assertEquals(new HashSet<>(List.of(ids.get(0), ids.get(2), ids.get(3))), new HashSet<>(onTopic));
        assertParked(ids.get(1), "RecordTooLargeException");
        assertAlertedOnce(List.of(ids.get(1)));
        assertGaugeCountsParkedRows();
    }

    private long unpublished() {
        return topics.stream().mapToLong(topic -> RelayFixture.unpublished(pool, topic)).sum();
    }

    private void assertPublished(UUID id) {
        assertNotNull(RelayFixture.row(pool, id).getOffsetDateTime("published_at"), "marked published: " + id);
    }

    private void assertParked(UUID id, String reason) {
        Row row = RelayFixture.row(pool, id);
        assertNull(row.getOffsetDateTime("published_at"), "never marked published: " + id);
        assertNotNull(row.getOffsetDateTime("parked_at"), "parked: " + id);
        assertTrue(row.getString("park_reason").startsWith(reason), "reason of " + id + ": " + row.getString("park_reason"));
    }

    private void assertAlertedOnce(List<UUID> parked) {
        for (UUID id : parked) {
            assertEquals(1, errors.stream().filter(message -> message.contains(id.toString()) && message.contains("PARKED")).count(),
                    "one ERROR alert for " + id + "; logged: " + errors);
        }
    }

    private void assertGaugeCountsParkedRows() {
        relay.measure().await().atMost(Duration.ofSeconds(10));
        long parked = pool.query("select count(*) from outbox_event where parked_at is not null and published_at is null")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertTrue(parked > 0);
        assertEquals(parked, meters.get("itpump.outbox.parked").gauge().value(), "the itpump_outbox_parked gauge");
    }
}
