package org.itpump.gateway.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Publishes each SIU message as ER7 text on the hl7v2 channel (topic itpump.integration.hl7v2), keyed by the pathway
 * id so that a pathway's messages stay in order on one partition, for engines that read Kafka. Waits for the broker's
 * acknowledgment, so the delivery row is marked only once the record is stored.
 */
@ApplicationScoped
public class Hl7KafkaPublisher {

    /** The record's content type header: HL7 v2 in its pipe-delimited (ER7) encoding. */
    public static final String CONTENT_TYPE = "x-application/hl7-v2+er7; version=2.5.1";

    private final Emitter<String> emitter;

    Hl7KafkaPublisher(@Channel("hl7v2") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** @throws Exception when the broker did not store the record within the timeout */
    public void publish(String pathwayId, String controlId, String er7, Duration timeout) throws Exception {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        headers.add("hl7-control-id", controlId.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(pathwayId).withHeaders(headers).build();
        emitter.send(Message.of(er7, Metadata.of(metadata), () -> {
            stored.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            stored.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
