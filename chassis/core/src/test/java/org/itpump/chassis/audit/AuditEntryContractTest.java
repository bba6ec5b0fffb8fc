package org.itpump.chassis.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import org.itpump.chassis.events.EventContracts;
import org.itpump.chassis.events.OutgoingEvent;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An audit record's event keeps its contract at any instant: at a whole minute with zero microseconds
 * {@code OffsetDateTime.toString()} wrote "recorded" as "...T12:00Z", no RFC 3339 date-time, and the integration
 * gateway dead-lettered that record.
 */
class AuditEntryContractTest {

    private static final EventContracts CONTRACTS = EventContracts.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordedIsADateTimeAtAWholeMinuteAndBetween() {
        OffsetDateTime wholeMinute = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.UTC);
        for (OffsetDateTime recorded : List.of(wholeMinute, wholeMinute.withSecond(30), wholeMinute.withNano(5_000))) {
            JsonNode payload = JSON.valueToTree(entry(recorded).asEvent().payload());
            assertEquals(List.of(), CONTRACTS.violations("audit.recorded", payload), "recorded " + payload.get("recorded"));
        }
        assertEquals("2026-12-01T12:00:00Z", JSON.valueToTree(entry(wholeMinute).asEvent().payload()).get("recorded").asText());
    }

    private static AuditEntry entry(OffsetDateTime recorded) {
        return new AuditEntry(UUID.randomUUID(), recorded, "system:chassis-test", List.of(), "E", "EVENT",
                "trial.cancelled", "", List.of("MRN-0042"), 200, "chassis-test", null, null, "event urn:x 1");
    }
}
