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
 * Publishes each FHIR resource version as FHIR JSON on the fhir channel (topic itpump.integration.fhir-r4), keyed by
 * the pathway id, with the resource's type, id and version in headers. Waits for the broker's acknowledgment.
 */
@ApplicationScoped
public class FhirKafkaPublisher {

    private final Emitter<String> emitter;

    FhirKafkaPublisher(@Channel("fhir") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** @throws Exception when the broker did not store the record within the timeout */
    public void publish(String pathwayId, String type, String id, int version, String json, Duration timeout)
            throws Exception {
        CompletableFuture<Void> stored = new CompletableFuture<>();
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/fhir+json; fhirVersion=4.0".getBytes(StandardCharsets.UTF_8));
        headers.add("fhir-resource", (type + "/" + id + "/_history/" + version).getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder().withKey(pathwayId).withHeaders(headers).build();
        emitter.send(Message.of(json, Metadata.of(metadata), () -> {
            stored.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            stored.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
