package org.itpump.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.itpump.chassis.events.EventContracts;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;

/** A plain Kafka producer for tests: well-formed CloudEvents, or deliberately broken records. */
public final class EventSender implements AutoCloseable {

    private static final EventContracts CONTRACTS = EventContracts.load();
    private final KafkaProducer<String, String> producer;

    public EventSender(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /**
     * A binary-mode CloudEvent, as the services' outbox relays write them: its ce_source is the topic's owning
     * service (asyncapi.yaml), which consumers require.
     */
    public void sendCloudEvent(String topic, String id, String type, String pathwayId, String json) {
        send(topic, pathwayId, json, cloudEventHeaders(topic, id, type, pathwayId));
    }

    /** The headers of a well-formed event on this topic, to send as they are or to break one by one. */
    public static Map<String, String> cloudEventHeaders(String topic, String id, String type, String pathwayId) {
        return Map.of(
                "ce_specversion", "1.0",
                "ce_id", id,
                "ce_type", type,
                "ce_source", CONTRACTS.sourceOf(topic).orElse("urn:itpump:test"),
                "ce_subject", pathwayId,
                "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                "content-type", "application/json");
    }

    /**
     * Delivers one event twice (the same ce_id), then a first event of another pathway as a marker: once the
     * marker's effect is visible, the consumer has handled the duplicate. Returns the marker's pathway id.
     */
    public String sendTwiceThenMarker(String topic, String type, String pathwayId, String json,
                                      Function<String, String> markerPayload) {
        String eventId = UUID.randomUUID().toString();
        sendCloudEvent(topic, eventId, type, pathwayId, json);
        sendCloudEvent(topic, eventId, type, pathwayId, json);
        String marker = UUID.randomUUID().toString();
        sendCloudEvent(topic, UUID.randomUUID().toString(), type, marker, markerPayload.apply(marker));
        return marker;
    }

    public void send(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
        send(record);
    }

    /** A record with headers exactly as given: repeated, null-valued or not UTF-8. */
    public void send(String topic, String key, String value, List<Header> headers) {
        send(new ProducerRecord<>(topic, null, key, value, headers));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the test record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
