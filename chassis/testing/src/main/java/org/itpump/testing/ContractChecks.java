package org.itpump.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.events.EventContracts;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Asserts that a record on a topic is the CloudEvent its contract in {@code contracts/} describes. */
public final class ContractChecks {

    private static final EventContracts CONTRACTS = EventContracts.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContractChecks() {
    }

    public static EventContracts contracts() {
        return CONTRACTS;
    }

    /** Returns the validated payload. */
    public static JsonNode assertContract(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, "ce_type");
        assertNotNull(type, "ce_type header");
        assertTrue(CONTRACTS.knows(type), "contract for " + type);
        assertEquals(CONTRACTS.topicOf(type), record.topic(), "topic of " + type);
        assertEquals("1.0", TopicProbe.header(record, "ce_specversion"));
        assertNotNull(TopicProbe.header(record, "ce_id"), "ce_id");
        assertTrue(TopicProbe.header(record, "ce_source").startsWith("urn:itpump:"), "ce_source");
        assertEquals("application/json", TopicProbe.header(record, "content-type"));
        OffsetDateTime.parse(TopicProbe.header(record, "ce_time")); // RFC 3339
        String subject = TopicProbe.header(record, "ce_subject");
        assertEquals(subject, record.key(), "record key is the pathway id (ce_subject)");
        try {
            JsonNode payload = JSON.readTree(record.value());
            List<String> violations = CONTRACTS.violations(type, payload);
            assertEquals(List.of(), violations, type + " payload against its schema");
            assertEquals(subject, payload.path("pathwayId").asText(), "payload pathwayId equals ce_subject");
            return payload;
        } catch (java.io.IOException e) {
            throw new AssertionError(type + " payload is not JSON: " + record.value(), e);
        }
    }
}
