package org.itpump.chassis.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.events.OutgoingEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A use case's events are published right after its transaction commits (issue 17), without PostgreSQL's NOTIFY and
 * without the poll: here the relay does not LISTEN and polls once an hour, so only {@link PublishAfterCommit} can wake
 * it. A row committed outside a Panache transaction meanwhile waits, and the next wake sweeps it too, first: the
 * relay still claims in position order.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
@TestProfile(PublishAfterCommitTest.NoNotifyNoPoll.class)
class PublishAfterCommitTest {

    private static final String TOPIC = "itpump.trial.events";

    /** The relay hears no NOTIFY and polls hourly (once at start). */
    public static class NoNotifyNoPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("itpump.outbox.listen", "false", "itpump.outbox.poll-interval", "1h");
        }
    }

    /** A use case: appends an event in a Panache transaction of its own, as a service's use cases do. */
    @ApplicationScoped
    public static class UseCase {
        @Inject
        Outbox outbox;

        @WithTransaction
        public Uni<Void> append(OutgoingEvent event) {
            return outbox.append(event);
        }
    }

    @Inject
    OutboxRelay relay;
    @Inject
    Outbox outbox;
    @Inject
    UseCase useCase;
    @Inject
    Pool pool;
    @Inject
    ObjectMapper json;

    @Test
    void aCommittedUseCasesEventIsPublishedAtOnceAndSweepsTheRowsBeforeItInOrder() throws Throwable {
        RelayFixture.await(() -> !relay.busy(), Duration.ofSeconds(20), "the relay is idle after its start-up drain");
        UUID pathwayId = UUID.randomUUID();
        // committed by plumbing outside a Panache transaction: nothing wakes the relay for it here
        pool.withTransaction(connection -> outbox.append(connection, RelayFixture.trialCancelled(json, pathwayId, "PT-1")))
                .await().atMost(Duration.ofSeconds(10));
        assertTrue(RelayFixture.read(TOPIC, ofPathway(pathwayId), 1, Duration.ofSeconds(3), Duration.ZERO).isEmpty(),
                "without NOTIFY and poll, nothing woke the relay for the plain SQL transaction");

        VertxContextSupport.subscribeAndAwait(() -> useCase.append(RelayFixture.trialCancelled(json, pathwayId, "PT-2")));

        List<ConsumerRecord<String, String>> published =
                RelayFixture.read(TOPIC, ofPathway(pathwayId), 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
        assertEquals(List.of("PT-1", "PT-2"), published.stream().map(this::patientRef).toList(),
                "the use case's commit woke the relay, which published both rows in position order, once each");
    }

    private String patientRef(ConsumerRecord<String, String> record) {
        try {
            return json.readTree(record.value()).get("patientRef").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> ofPathway(UUID pathwayId) {
        return record -> pathwayId.toString().equals(record.key());
    }
}
