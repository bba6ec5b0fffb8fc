package org.itpump.chassis.inbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.events.EventContracts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a Kafka record as a CloudEvent in binary mode (CloudEvents 1.0 Kafka protocol binding), or says
 * precisely why it is poison. The framework's own CloudEvents parsing is off on every incoming channel
 * ({@code cloud-events=false} in the chassis defaults): it threw on a malformed header before any of our code
 * ran and stopped the channel. Here every header is read as bytes, strictly:
 * <ul>
 *   <li>{@code ce_specversion} is {@code 1.0}; {@code ce_id}, {@code ce_type}, {@code ce_source} and
 *   {@code ce_subject} are present, UTF-8, non-blank and appear once (a header repeated with another value is
 *   ambiguous);</li>
 *   <li>{@code ce_source} is the topic's owning service ({@code x-itpump-source} in asyncapi.yaml);</li>
 *   <li>the record key, {@code ce_subject} and the payload's {@code pathwayId} are the same pathway;</li>
 *   <li>{@code ce_time}, when present, is an RFC 3339 timestamp; {@code content-type}, when present, is
 *   {@code application/json} (structured mode, {@code application/cloudevents+json}, is refused);</li>
 *   <li>the type is in the contracts and belongs on this topic.</li>
 * </ul>
 * The payload is parsed and checked against its schema only for a type the consumer handles, tolerantly
 * (see {@link EventContracts#violations(String, JsonNode, java.util.function.Predicate)}).
 */
@ApplicationScoped
public class InboundEventReader {

    static final String SPEC_VERSION = "1.0";

    private final EventContracts contracts;
    private final ObjectReader strictReader;

    InboundEventReader(EventContracts contracts, ObjectMapper mapper) {
        this.contracts = contracts;
        // trailing data or a repeated property would leave the event's meaning to the parser's whim
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** The CloudEvents attributes of a record, checked; the payload is not read yet. */
    public record Envelope(String topic, String id, String type, String source, String pathwayId,
                           ZonedDateTime time) {
    }

    /**
     * Reads and checks the headers and key of a record.
     *
     * @throws PoisonEventException naming the first rule the record breaks
     */
    public Envelope envelope(Message<?> message) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<Object, Object> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        Headers headers = record.getHeaders();
        String topic = record.getTopic();
        if (headers.lastHeader("ce_specversion") == null && headers.lastHeader("ce_type") == null) {
            throw new PoisonEventException(
                    "not a CloudEvent: binary-mode headers ce_specversion, ce_id, ce_type and ce_source are required");
        }
        contentType(headers);
        String specVersion = required(headers, "ce_specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException("ce_specversion '" + specVersion + "' is not " + SPEC_VERSION);
        }
        String id = required(headers, "ce_id");
        String type = required(headers, "ce_type");
        String source = required(headers, "ce_source");
        String subject = required(headers, "ce_subject");
        if (!contracts.knows(type)) {
            throw new PoisonEventException("unknown event type '" + type + "'");
        }
        String home = contracts.topicOf(type);
        if (!home.equals(topic)) {
            throw new PoisonEventException(type + " belongs on " + home + ", not on " + topic);
        }
        contracts.sourceOf(topic).filter(expected -> !expected.equals(source)).ifPresent(expected -> {
            throw new PoisonEventException("ce_source '" + source + "' is not " + expected
                    + ", the only producer of " + topic);
        });
        Object key = record.getKey();
        if (key == null) {
            throw new PoisonEventException(type + " has no record key (the pathway id)");
        }
        if (!subject.equals(key.toString())) {
            throw new PoisonEventException(type + " ce_subject '" + subject + "' differs from the record key '" + key + "'");
        }
        return new Envelope(topic, id, type, source, subject, time(headers));
    }

    /**
     * Parses the payload and checks it against the type's schema, tolerating enum values outside the schema
     * in properties the consumer does not read; its {@code pathwayId} must be the envelope's.
     *
     * @param reads the top-level payload properties the consumer reads
     */
    public InboundEvent event(Envelope envelope, Object value, Predicate<String> reads) {
        String type = envelope.type();
        JsonNode payload = parse(type, value);
        List<String> violations = contracts.violations(type, payload, reads);
        if (!violations.isEmpty()) {
            throw new PoisonEventException(type + " fails its schema: " + String.join("; ", violations));
        }
        String pathwayId = payload.path("pathwayId").asText(null);
        if (pathwayId != null && !pathwayId.equals(envelope.pathwayId())) {
            throw new PoisonEventException(type + " payload pathwayId '" + pathwayId
                    + "' differs from ce_subject and key '" + envelope.pathwayId() + "'");
        }
        return new InboundEvent(envelope.id(), type, envelope.source(), envelope.pathwayId(), envelope.time(), payload);
    }

    /** The one value of a required header: present once (or repeated identically), UTF-8, not blank. */
    private static String required(Headers headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("header " + name + " is " + (value == null ? "missing" : "empty"));
        }
        return value;
    }

    private static String optional(Headers headers, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers.headers(name)) {
            values.add(header.value() == null ? null : utf8(name, header.value()));
        }
        if (values.isEmpty()) {
            return null;
        }
        if (values.stream().distinct().count() > 1) {
            throw new PoisonEventException("header " + name + " appears " + values.size() + " times with different values");
        }
        return values.get(0);
    }

    private static String utf8(String name, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PoisonEventException("header " + name + " is not UTF-8 text: " + Arrays.toString(
                    Arrays.copyOf(bytes, Math.min(bytes.length, 16))));
        }
    }

    private static ZonedDateTime time(Headers headers) {
        String time = optional(headers, "ce_time");
        if (time == null) {
            return null;
        }
        try {
            // RFC 3339 (CloudEvents 1.0): a date, 'T', a time and an offset; OffsetDateTime.parse reads exactly ISO 8601's profile of it
            return OffsetDateTime.parse(time).toZonedDateTime();
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time '" + abbreviated(time) + "' is not an RFC 3339 timestamp");
        }
    }

    private static void contentType(Headers headers) {
        String contentType = optional(headers, "content-type");
        if (contentType == null) {
            return; // optional in CloudEvents: the payload is then read as JSON, which it must be anyway
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (mediaType.startsWith("application/cloudevents")) {
            throw new PoisonEventException("structured-mode CloudEvent (content-type " + abbreviated(contentType)
                    + ") refused: this platform carries CloudEvents in binary mode");
        }
        String charset = Arrays.stream(parts).skip(1).map(String::trim).map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> p.startsWith("charset=")).map(p -> p.substring(8).replace("\"", ""))
                .collect(Collectors.joining());
        if (!"application/json".equals(mediaType) || !(charset.isEmpty() || "utf-8".equals(charset))) {
            throw new PoisonEventException("content-type '" + abbreviated(contentType) + "' is not application/json");
        }
    }

    private JsonNode parse(String type, Object value) {
        if (!(value instanceof String json) || json.isBlank()) {
            throw new PoisonEventException(type + " has an empty payload");
        }
        try {
            JsonNode node = strictReader.readTree(json);
            if (node == null || !node.isObject()) {
                throw new PoisonEventException(type + " payload is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(type + " payload is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviated(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
