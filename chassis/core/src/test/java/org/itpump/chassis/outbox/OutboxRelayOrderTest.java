package org.itpump.chassis.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.itpump.chassis.ChassisTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas' relays over one database (issue 10: "two relays on one database publish one pathway's 200
 * events in order"). The application's relay and a second one, with a producer of its own, both drain the same
 * outbox as fast as they are woken; with one publisher at a time the topic carries the pathway's events exactly
 * in position order, once each.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class OutboxRelayOrderTest {

    private static final URI SECOND_SOURCE = URI.create("urn:itpump:chassis-test-second-replica");

    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;
    @Inject
    Vertx vertx;
    @Inject
    @Channel("second-relay")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<String> secondProducer;

    private String topic;

    @AfterEach
    void cleanUp() {
        relay.resume();
        if (topic != null) {
            RelayFixture.forget(pool, topic);
        }
    }

    private static Thread waker(OutboxRelay relay, AtomicBoolean done, String name) {
        return new Thread(() -> {
            while (!done.get()) {
                relay.wake();
                RelayFixture.sleep(1);
            }
        }, name);
    }

    @Test
    void twoRelaysOnOneDatabasePublishOnePathwaysTwoHundredEventsInOrder() throws InterruptedException {
        topic = RelayFixture.createTopic("order", Map.of());
        String pathwayId = UUID.randomUUID().toString();
        // batch size 5 like the application's relay: 200 events are 40 batches each relay could take
        OutboxRelay second = new OutboxRelay(pool, vertx, new SimpleMeterRegistry(), secondProducer, SECOND_SOURCE,
                5, Duration.ofSeconds(15), 4000, 2000);

        relay.pause();
        RelayFixture.await(() -> !relay.busy(), Duration.ofSeconds(20), "the application's relay is idle");
        List<UUID> committed = RelayFixture.append(pool, topic, pathwayId, RelayFixture.steps(200));

        // each replica's relay is woken every millisecond (NOTIFY and polls, much faster), so both contend all along
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> replicas = List.of(waker(relay, done, "first-replica-relay"), waker(second, done, "second-replica-relay"));
        relay.resume();
        replicas.forEach(Thread::start);
        try {
            RelayFixture.await(() -> RelayFixture.unpublished(pool, topic) == 0, Duration.ofSeconds(60), "all 200 events published");
        } finally {
            done.set(true);
            for (Thread replica : replicas) {
                replica.join(5000);
            }
        }
        RelayFixture.await(() -> !second.busy(), Duration.ofSeconds(20), "the second relay is idle");

        List<ConsumerRecord<String, String>> records = RelayFixture.read(topic, 200, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertEquals(committed, RelayFixture.ids(records),
                "the topic carries the pathway's 200 events once each, in the order they were committed");
        long bySecond = records.stream().filter(record -> SECOND_SOURCE.toString().equals(RelayFixture.header(record, "ce_source"))).count();
        // which relay holds the lock for each batch is up to timing; the order must not depend on it
        System.out.printf("OutboxRelayOrderTest: %d of 200 events published by the second relay%n", bySecond);
        assertTrue(records.stream().allMatch(record -> pathwayId.equals(record.key())), "keyed by the pathway id");
    }
}
