package org.itpump.gateway.messaging;

import ca.uhn.hl7v2.AcknowledgmentCode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.gateway.GatewayKafkaTest;
import org.itpump.gateway.GatewayTestResource;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.SiuTrigger;
import org.itpump.gateway.service.GatewayConfig;
import org.itpump.testing.MllpEngine.Received;
import org.itpump.testing.Await;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.itpump.gateway.GatewayTestResource.ENGINE;
import static org.itpump.gateway.GatewayTestSupport.IMPLANT_TOPIC;
import static org.itpump.gateway.GatewayTestSupport.SURGEON;
import static org.itpump.gateway.GatewayTestSupport.booking;
import static org.itpump.gateway.GatewayTestSupport.patientRef;
import static org.itpump.gateway.Hl7Checks.parseValidSiu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The implant topic in, SIU over MLLP out, to a real HAPI MLLP receiver (GatewayTestResource.ENGINE, HAPI HL7Service) and the ER7 Kafka topic.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(GatewayTestResource.class)
class MllpDeliveryTest extends GatewayKafkaTest {

    private static final OffsetDateTime START = OffsetDateTime.parse("2026-12-03T08:30:00Z");

    @Inject
    DataSource db;

    @Inject
    MeterRegistry meters;

    @Inject
    GatewayConfig config;

    @AfterAll
    static void stopTheEngine() {
        ENGINE.stop();
    }

    @BeforeEach
    void engineUp() throws InterruptedException {
        ENGINE.start();
    }

    private record Booked(String pathway, String patient, String caseId, String bookingId) {
        static Booked create() {
            return new Booked(UUID.randomUUID().toString(), patientRef(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
        }

        void scheduled(OffsetDateTime start) {
            send("implant.scheduled", booking(pathway, patient, caseId, bookingId, start, "BOOKED", SURGEON, null, null));
        }

        void rescheduled(OffsetDateTime from, OffsetDateTime to, String surgeon) {
            send("implant.rescheduled", booking(pathway, patient, caseId, bookingId, to, "BOOKED", surgeon,
                    "Theatre list overrun", from.toString()));
        }

        void cancelled(OffsetDateTime start) {
            send("implant.cancelled", booking(pathway, patient, caseId, bookingId, start, "CANCELLED", SURGEON,
                    "Patient unwell", null));
        }

        private void send(String type, String json) {
            events.sendCloudEvent(IMPLANT_TOPIC, UUID.randomUUID().toString(), type, pathway, json);
        }
    }

    private static List<Received> awaitReceived(String patient, int count) {
        return Await.until(() -> ENGINE.of(patient), r -> r.size() >= count, count + " messages of " + patient);
    }

    @Test
    void aBookingItsRescheduleASurgeonChangeAndItsCancellationArriveOnceEachInOrderAndValid() {
        Booked b = Booked.create();
        b.scheduled(START);
        b.rescheduled(START, START.plusDays(1), SURGEON);
        // Same slot, another surgeon: a modification, not a reschedule.
        b.rescheduled(START.plusDays(1), START.plusDays(1), "5f0c1d2e-0000-4000-8000-000000000002");
        b.cancelled(START.plusDays(1));

        List<Received> received = awaitReceived(b.patient(), 4);
        assertEquals(List.of("S12", "S13", "S14", "S15"), received.stream().map(Received::trigger).toList());
        assertEquals(4, received.stream().map(Received::controlId).distinct().count(), "each message once");
        received.forEach(r -> parseValidSiu(r.er7()));
        assertEquals(List.of("AA", "AA", "AA", "AA"), received.stream().map(Received::ackSent).toList());
        assertEquals(List.of("DELIVERED", "DELIVERED", "DELIVERED", "DELIVERED"),
                Await.until(() -> statuses(b.pathway(), "engine"), s -> !s.contains("PENDING"), "marked delivered"));
    }

    @Test
    void anAeIsRetriedAndTheNextMessageWaitsForIt() {
        Booked b = Booked.create();
        ENGINE.refuse(b.patient(), 1);
        b.scheduled(START);
        b.rescheduled(START, START.plusDays(2), SURGEON);

        List<Received> received = awaitReceived(b.patient(), 3);
        // The S12 twice (AE, then AA on the retry), and only then the S13.
        assertEquals(List.of("S12", "S12", "S13"), received.stream().map(Received::trigger).toList());
        assertEquals(List.of("AE", "AA", "AA"), received.stream().map(Received::ackSent).toList());
        assertEquals(received.get(0).controlId(), received.get(1).controlId(), "the retry is the same message");
        assertNotEquals(received.get(1).controlId(), received.get(2).controlId());
        received.forEach(r -> parseValidSiu(r.er7()));
    }

    @Test
    void anArIsRetriedWithBackOffLikeAnAeAndItsRefusalIsCounted() {
        Booked b = Booked.create();
        ENGINE.refuse(b.patient(), 1, AcknowledgmentCode.AR);
        b.scheduled(START.plusDays(5));

        List<Received> received = awaitReceived(b.patient(), 2);
        assertEquals(List.of("AR", "AA"), received.stream().map(Received::ackSent).toList());
        assertEquals(received.get(0).controlId(), received.get(1).controlId(), "the retry is the same message");
        received.forEach(r -> parseValidSiu(r.er7()));
        assertEquals(List.of("DELIVERED"),
                Await.until(() -> statuses(b.pathway(), "engine"), s -> !s.contains("PENDING"), "marked delivered"));
        assertEquals(List.of(1), column(b.pathway(), "engine", "rejections"), "one AR, then AA");
    }

    @Test
    void refusedThreeTimesTheMessageIsParkedAndHoldsItsPathway() throws Exception {
        double alertsBefore = parkedAlerts();
        Booked b = Booked.create();
        ENGINE.refuse(b.patient(), 1000);
        b.scheduled(START);
        b.rescheduled(START, START.plusDays(3), SURGEON);

        assertEquals(List.of("PARKED", "PENDING"),
                Await.until(() -> statuses(b.pathway(), "engine"), s -> s.contains("PARKED"), "the S12 parked"));
        // max-rejections is 3: three AEs, and the S13 behind it was never sent (no attempt recorded).
        assertEquals(List.of("S12", "S12", "S12"), ENGINE.of(b.patient()).stream().map(Received::trigger).toList());
        assertEquals(List.of(3, 0), column(b.pathway(), "engine", "rejections + attempts"));
        assertEquals(List.of("ACK AE"), column(b.pathway(), "engine", "last_error").subList(0, 1));
        // the alert: counter itpump_gateway_hl7_parked (and an ERROR log "ALERT: SIU^S12 ...")
        assertEquals(alertsBefore + 1, parkedAlerts());
        ENGINE.of(b.patient()).forEach(r -> parseValidSiu(r.er7()));
    }

    private double parkedAlerts() {
        return meters.counter("itpump.gateway.hl7.parked").count();
    }

    /**
     * Restart safety: the queue is the hl7_delivery table, nothing in memory. Rows as a gateway that stopped mid-way
     * left them (the S12 delivered, the S13 waiting for its second attempt, the S14 behind it) are taken up by this
     * one: the S13 and then the S14 are sent, each once, and the delivered S12 is not sent again.
     */
    @Test
    void messagesLeftPendingInTheOutboxTableByAnEarlierRunAreDeliveredOnceInOrder() throws Exception {
        Booked b = Booked.create();
        UUID pathway = UUID.fromString(b.pathway());
        UUID caseId = UUID.fromString(b.caseId());
        Booking booked = new Booking(caseId, pathway, b.patient(), UUID.fromString(b.bookingId()), null,
                AppointmentStatus.BOOKED, START, START.plusMinutes(90), 90,
                new Booking.Theatre(UUID.fromString(org.itpump.gateway.GatewayTestSupport.THEATRE), "Theatre 3"),
                new Booking.Surgeon(UUID.fromString(SURGEON), "Okafor", "STAFF-0042"),
                new Booking.CodedProcedure("CPT", "62362", "Implantation of programmable intrathecal pump"), null, "STAFF-7");
        Booking moved = new Booking(caseId, pathway, b.patient(), booked.bookingId(), null,
                AppointmentStatus.BOOKED, START.plusDays(6), START.plusDays(6).plusMinutes(90), 90, booked.theatre(),
                booked.surgeon(), booked.procedure(), new Booking.CodedReason("THEATRE_UNAVAILABLE", "List overrun"), "STAFF-7");
        Booking modified = new Booking(caseId, pathway, b.patient(), booked.bookingId(), null,
                AppointmentStatus.BOOKED, moved.start(), moved.end(), 90, booked.theatre(),
                new Booking.Surgeon(UUID.randomUUID(), "Adeyemi", "STAFF-0043"), booked.procedure(), null, "STAFF-7");
        SiuMessages siu = new SiuMessages(config.hl7().settings());
        OffsetDateTime then = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        String run = Long.toString(System.nanoTime() % 100_000_000L);
        List<String> ids = List.of("RST" + run + "A", "RST" + run + "B", "RST" + run + "C");
        leftByEarlierRun(pathway, caseId, "S12", ids.get(0), siu.er7(SiuTrigger.S12, booked, ids.get(0), then), "DELIVERED", 0);
        leftByEarlierRun(pathway, caseId, "S13", ids.get(1), siu.er7(SiuTrigger.S13, moved, ids.get(1), then), "PENDING", 1);
        leftByEarlierRun(pathway, caseId, "S14", ids.get(2), siu.er7(SiuTrigger.S14, modified, ids.get(2), then), "PENDING", 0);

        assertEquals(List.of("DELIVERED", "DELIVERED", "DELIVERED"),
                Await.until(() -> statuses(b.pathway(), "engine"), s -> !s.contains("PENDING"), "the left rows delivered"));
        List<Received> received = ENGINE.of(b.patient());
        assertEquals(List.of(ids.get(1), ids.get(2)), received.stream().map(Received::controlId).toList(),
                "the S13 then the S14, once each; the delivered S12 not again");
        assertEquals(List.of("S13", "S14"), received.stream().map(Received::trigger).toList());
        received.forEach(r -> parseValidSiu(r.er7()));
        assertTrue(received.stream().allMatch(r -> "AA".equals(r.ackSent())));
    }

    private void leftByEarlierRun(UUID pathway, UUID caseId, String trigger, String controlId, String er7, String status,
                                  int attempts) throws Exception {
        try (Connection c = db.getConnection()) {
            UUID id = UUID.randomUUID();
            try (PreparedStatement message = c.prepareStatement("""
                    insert into hl7_message (id, pathway_id, case_id, trigger, control_id, er7, created_at)
                    values (?, ?, ?, ?, ?, ?, now() - interval '5 minutes')""")) {
                message.setObject(1, id);
                message.setObject(2, pathway);
                message.setObject(3, caseId);
                message.setString(4, trigger);
                message.setString(5, controlId);
                message.setString(6, er7);
                message.executeUpdate();
            }
            try (PreparedStatement delivery = c.prepareStatement("""
                    insert into hl7_delivery (message_id, destination, position, pathway_id, status, attempts,
                                              next_attempt_at, last_error, delivered_at)
                    select id, 'engine', position, pathway_id, ?, ?, now() - interval '1 second',
                           case when ? > 0 then 'no ACK within 3s' end,
                           case when ? = 'DELIVERED' then now() - interval '4 minutes' end
                    from hl7_message where id = ?""")) {
                delivery.setString(1, status);
                delivery.setInt(2, attempts);
                delivery.setInt(3, attempts);
                delivery.setString(4, status);
                delivery.setObject(5, id);
                delivery.executeUpdate();
            }
        }
    }

    @Test
    void anEngineThatGoesDownAndComesBackGetsEachMessageOnceInOrder() throws Exception {
        ENGINE.stop();
        Booked b = Booked.create();
        b.scheduled(START);
        b.rescheduled(START, START.plusDays(4), SURGEON);
        // Wait until the gateway has tried and failed (no ACK) at least twice, then bring the engine back.
        Await.until(() -> this.<Integer>column(b.pathway(), "engine", "attempts"), a -> !a.isEmpty() && a.get(0) >= 2,
                "failed attempts while the engine is down");
        ENGINE.start();

        List<Received> received = awaitReceived(b.patient(), 2);
        assertEquals(List.of("S12", "S13"), received.stream().map(Received::trigger).toList());
        assertEquals(List.of("DELIVERED", "DELIVERED"),
                Await.until(() -> statuses(b.pathway(), "engine"), s -> !s.contains("PENDING"), "marked delivered"));
        assertEquals(2, ENGINE.of(b.patient()).size(), "once each");
        received.forEach(r -> parseValidSiu(r.er7()));
    }

    @Test
    void eachMessageIsAlsoPublishedAsEr7OnKafkaKeyedByPathway() {
        try (TopicProbe hl7 = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.integration.hl7v2")) {
            Booked b = Booked.create();
            b.scheduled(START);
            ConsumerRecord<String, String> record = hl7.await(r -> b.pathway().equals(r.key()), Duration.ofSeconds(30));
            var siu = parseValidSiu(record.value());
            assertEquals("S12", siu.getMSH().getMessageType().getTriggerEvent().getValue());
            assertEquals(b.patient(), siu.getPATIENT().getPID().getPatientIdentifierList(0).getIDNumber().getValue());
        }
    }

    private List<String> statuses(String pathway, String destination) {
        return column(pathway, destination, "status");
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> column(String pathway, String destination, String expression) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "select " + expression + " from hl7_delivery where pathway_id = ? and destination = ? order by position")) {
            q.setObject(1, UUID.fromString(pathway));
            q.setString(2, destination);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    values.add((T) rows.getObject(1));
                }
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
