package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.events.OutgoingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox keeps committed events while the relay is stopped, and publishes every one once it runs, as a
 * CloudEvent in binary mode keyed by the pathway. (Moved here from trial-service's OutboxRecoveryTest.)
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxRelayPauseTest {

    private static final String TOPIC = "itpump.trial.events";

    @Inject
    OutboxRelay relay;
    @Inject
    Outbox outbox;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @AfterEach
    void resume() {
        relay.resume();
    }

    @Test
    void eventsCommittedWhileTheRelayIsStoppedArePublishedWhenItRunsAgain() throws Exception {
        relay.pause();
        RelayFixture.await(() -> !relay.busy(), Duration.ofSeconds(20), "the relay is idle");
        UUID pathwayId = UUID.randomUUID();
        OutgoingEvent cancelled = new OutgoingEvent("trial.cancelled", pathwayId, json.readTree("""
                {"pathwayId":"%s","patientRef":"PT-77","trialId":"6d3c3d8e-8f0e-4f36-9d38-0a4f5b0c1e2d",
                 "previousStatus":"PASSED","reason":"PATIENT_WITHDREW","cancelledAt":"2026-11-27T10:00:00Z"}"""
                .formatted(pathwayId)));
        pool.withTransaction(connection -> outbox.append(connection, cancelled)).await().atMost(Duration.ofSeconds(10));

        assertEquals(1, unpublished(pathwayId), "the state change committed its event to the outbox");
        assertTrue(RelayFixture.read(TOPIC, ofPathway(pathwayId), 1, Duration.ofSeconds(3), Duration.ZERO).isEmpty(),
                "nothing is published while the relay is stopped");

        relay.resume();
        List<ConsumerRecord<String, String>> published =
                RelayFixture.read(TOPIC, ofPathway(pathwayId), 1, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertEquals(1, published.size(), "published once");
        ConsumerRecord<String, String> record = published.get(0);
        assertEquals("trial.cancelled", RelayFixture.header(record, "ce_type"));
        assertEquals("1.0", RelayFixture.header(record, "ce_specversion"));
        assertEquals("urn:itpump:chassis-test", RelayFixture.header(record, "ce_source"));
        assertEquals(pathwayId.toString(), RelayFixture.header(record, "ce_subject"));
        assertNotNull(RelayFixture.header(record, "ce_id"));
        assertEquals(pathwayId.toString(), json.readTree(record.value()).get("pathwayId").asText());
        RelayFixture.await(() -> unpublished(pathwayId) == 0, Duration.ofSeconds(10), "marked published after the broker's ack");
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> ofPathway(UUID pathwayId) {
        return record -> pathwayId.toString().equals(record.key());
    }

    private long unpublished(UUID pathwayId) {
        return pool.preparedQuery("select count(*) from outbox_event where subject = $1 and published_at is null")
                .execute(Tuple.of(pathwayId.toString())).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
