package org.itpump.gateway.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.itpump.gateway.GatewayKafkaTest;
import org.itpump.gateway.GatewayTestResource;
import org.itpump.testing.Await;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.itpump.gateway.GatewayTestSupport.IMPLANT_TOPIC;
import static org.itpump.gateway.GatewayTestSupport.SURGEON;
import static org.itpump.gateway.GatewayTestSupport.booking;
import static org.itpump.gateway.GatewayTestSupport.patientRef;
import static org.itpump.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every implant event the gateway reads is either applied (its appointment row appears) or dead-lettered on
 * {@code itpump.integration-gateway.dlq} with a reason; none is dropped silently. The gateway's MLLP tests once saw
 * neither, because their bookings wrote {@code OffsetDateTime.toString()} ("2026-12-03T08:30Z", no seconds), which
 * is not an RFC 3339 date-time: the events went to the dead-letter topic, which those tests did not read.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(GatewayTestResource.class)
class ImplantEventsConsumerTest extends GatewayKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-07T09:00:00Z");

    @Inject
    DataSource db;

    @Test
    void aValidBookingIsAppliedAndOneWithATimeWithoutSecondsIsDeadLetteredWithItsReason() {
        String validPathway = UUID.randomUUID().toString();
        String validCase = UUID.randomUUID().toString();
        String invalidPathway = UUID.randomUUID().toString();
        String invalidCase = UUID.randomUUID().toString();
        String invalidEvent = UUID.randomUUID().toString();
        String invalid = booking(invalidPathway, patientRef(), invalidCase, UUID.randomUUID().toString(), START, "BOOKED",
                SURGEON, null, null).replace("2026-12-07T09:00:00Z", "2026-12-07T09:00Z");
        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.integration-gateway.dlq")) {
            events.sendCloudEvent(IMPLANT_TOPIC, invalidEvent, "implant.scheduled", invalidPathway, invalid);
            events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.scheduled", validPathway,
                    booking(validPathway, patientRef(), validCase, UUID.randomUUID().toString(), START, "BOOKED", SURGEON,
                            null, null));

            assertEquals("BOOKED", Await.until(() -> status(validCase), s -> s != null, "the valid booking applied"));
            String reason = header(deadLetters.await(r -> invalidEvent.equals(header(r, "ce_id")), WAIT),
                    "dead-letter-reason");
            assertTrue(reason.contains("implant.scheduled fails its schema") && reason.contains("/start"), reason);
            assertEquals(null, status(invalidCase), "the dead-lettered booking left no appointment");
        }
    }

    /**
     * SCH-20 and the appointment ids end to end: implant.scheduled with enteredBy (the scheduler's token name) and a
     * requesting system's placerAppointmentId becomes an S12 whose SCH-1 is that placer id, SCH-2 implant-service's
     * bookingId (the filler) and SCH-20 the scheduler; parsed back by HAPI and valid against v2.5.1.
     */
    @Test
    void enteredByAndTheAppointmentIdsOfABookingReachSch20Sch1AndSch2() throws Exception {
        String pathway = UUID.randomUUID().toString();
        String caseId = UUID.randomUUID().toString();
        String bookingId = UUID.randomUUID().toString();
        String json = booking(pathway, patientRef(), caseId, bookingId, START.plusDays(1), "BOOKED", SURGEON, null, null)
                .replace("\"reason\":", "\"enteredBy\":\"dr.okafor@st-mary.example\",\"placerAppointmentId\":\"REQ-0042\",\"reason\":");
        events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.scheduled", pathway, json);

        String er7 = Await.until(() -> er7Of(caseId), m -> m != null, "the S12 built");
        ca.uhn.hl7v2.util.Terser t = new ca.uhn.hl7v2.util.Terser(org.itpump.gateway.Hl7Checks.parseValidSiu(er7));
        assertEquals("S12", t.get("/MSH-9-2"));
        assertEquals("REQ-0042", t.get("/SCH-1-1"));
        assertEquals(bookingId, t.get("/SCH-2-1"));
        assertEquals("ITPUMP", t.get("/SCH-2-2"));
        assertEquals("dr.okafor@st-mary.example", t.get("/SCH-20-1"));

        // Cancelled by another scheduler: the S15's SCH-20 is who cancelled, not who booked.
        events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), "implant.cancelled", pathway,
                json.replace("\"BOOKED\"", "\"CANCELLED\"").replace("dr.okafor@st-mary.example", "ward.scheduler")
                        .replace("\"reason\":null", "\"reason\":\"Patient unwell\""));
        java.util.List<String> messages = Await.until(() -> er7sOf(caseId), m -> m.size() >= 2, "the S15 built");
        ca.uhn.hl7v2.util.Terser s15 = new ca.uhn.hl7v2.util.Terser(org.itpump.gateway.Hl7Checks.parseValidSiu(messages.get(1)));
        assertEquals("S15", s15.get("/MSH-9-2"));
        assertEquals(bookingId, s15.get("/SCH-2-1"));
        assertEquals("ward.scheduler", s15.get("/SCH-20-1"));
    }

    private String er7Of(String caseId) {
        java.util.List<String> all = er7sOf(caseId);
        return all.isEmpty() ? null : all.get(0);
    }

    private java.util.List<String> er7sOf(String caseId) {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select er7 from hl7_message where case_id = ? order by position")) {
            q.setObject(1, UUID.fromString(caseId));
            java.util.List<String> all = new java.util.ArrayList<>();
            try (ResultSet row = q.executeQuery()) {
                while (row.next()) {
                    all.add(row.getString(1));
                }
            }
            return all;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String caseId) {
        try (Connection c = db.getConnection();
             PreparedStatement q = c.prepareStatement("select status from appointment where case_id = ?")) {
            q.setObject(1, UUID.fromString(caseId));
            try (ResultSet row = q.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
