package org.itpump.chassis.outbox;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which producer failures park a row, and the relay's refusal of an ack timeout below the producer's own. */
class OutboxRelayFailuresTest {

    @Test
    void failuresOfTheRecordItselfParkItWhereverTheyAreWrapped() {
        assertTrue(OutboxRelay.neverPublishable(new RecordTooLargeException("over max.message.bytes")));
        assertTrue(OutboxRelay.neverPublishable(new CompletionException(new RecordTooLargeException("over max.request.size"))));
        assertTrue(OutboxRelay.neverPublishable(new KafkaException(new RecordBatchTooLargeException("batch"))));
        assertTrue(OutboxRelay.neverPublishable(new InvalidTopicException("not a topic!")));
        assertTrue(OutboxRelay.neverPublishable(new SerializationException("value")));
        assertTrue(OutboxRelay.neverPublishable(new InvalidRecordException("null key on a compacted topic")));
    }

    @Test
    void failuresOfTheBrokerTheNetworkOrTheClusterAreRetried() {
        for (Throwable failure : Set.of(new TimeoutException("delivery.timeout.ms expired"),
                new NotEnoughReplicasException("min.insync.replicas"), new NetworkException("connection reset"),
                new TopicAuthorizationException(Set.of("itpump.trial.events")), new UnknownServerException("broker"),
                new OutOfOrderSequenceException("sequence"), new IllegalStateException("emitter not connected"),
                new CompletionException(new TimeoutException("metadata")))) {
            assertFalse(OutboxRelay.neverPublishable(failure), failure.toString());
        }
    }

    @Test
    void anAckTimeoutThatCouldExpireBeforeTheProducersOwnOutcomeIsRefusedAtStart() {
        // delivery.timeout.ms 4,000 and max.block.ms 2,000: a send's outcome may take 2 x 4,000 + 2,000 = 10,000 ms
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> relay(Duration.ofMillis(10_000)));
        assertTrue(refused.getMessage().contains("itpump.outbox.ack-timeout"), refused.getMessage());
        assertDoesNotThrow(() -> relay(Duration.ofMillis(10_001)));
    }

    private static OutboxRelay relay(Duration ackTimeout) {
        return new OutboxRelay(null, null, new SimpleMeterRegistry(), null, URI.create("urn:itpump:test"), 5, ackTimeout, 4000, 2000);
    }
}
