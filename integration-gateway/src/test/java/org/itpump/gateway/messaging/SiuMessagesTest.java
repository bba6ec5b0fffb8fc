package org.itpump.gateway.messaging;

import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.util.Terser;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.SiuTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

import static org.itpump.gateway.Hl7Checks.parseValidSiu;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiuMessagesTest {

    static final SiuSettings SETTINGS = new SiuSettings("ITPUMP", "ST-MARY", "THEATRE-ENGINE", "ST-MARY", "STMARY-MRN",
            ZoneId.of("Europe/Berlin"), "TC-01", "Theatre coordinator", "+49 30 1234", "ITPUMP", "P");

    static final UUID BOOKING = UUID.fromString("11111111-2222-3333-4444-555555555555");
    static final UUID THEATRE = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");

    static Booking booking(AppointmentStatus status, String staffId) {
        return new Booking(UUID.randomUUID(), UUID.randomUUID(), "PT-77", BOOKING, "OR-2026-0042", status,
                OffsetDateTime.parse("2026-12-03T08:30:00Z"), OffsetDateTime.parse("2026-12-03T10:00:00Z"), 90,
                new Booking.Theatre(THEATRE, "Theatre 3"),
                new Booking.Surgeon(UUID.randomUUID(), "Okafor", staffId),
                new Booking.CodedProcedure("CPT", "62362", "Implantation of programmable intrathecal pump"),
                null, "SCHED-7");
    }

    @ParameterizedTest
    @EnumSource(SiuTrigger.class)
    void everyTriggerParsesBackAndPassesV251Validation(SiuTrigger trigger) throws Exception {
        AppointmentStatus status = switch (trigger) {
            case S15 -> AppointmentStatus.CANCELLED;
            case S26 -> AppointmentStatus.NO_SHOW;
            default -> AppointmentStatus.BOOKED;
        };
        String er7 = new SiuMessages(SETTINGS).er7(trigger, booking(status, "S-4711"), "ITP42",
                OffsetDateTime.parse("2026-11-30T12:00:00Z"));

        SIU_S12 siu = parseValidSiu(er7);
        Terser t = new Terser(siu);
        assertEquals("SIU", t.get("/MSH-9-1"));
        assertEquals(trigger.name(), t.get("/MSH-9-2"));
        assertEquals("SIU_S12", t.get("/MSH-9-3"));
        assertEquals("ITP42", t.get("/MSH-10"));
        assertEquals(status.hl7FillerStatus(), t.get("/SCH-25-1"));
        assertEquals(trigger.segmentActionCode(), t.get("/RESOURCES/RGS-2"));
    }

    @Test
    void s12CarriesEveryFieldTheIssueListsWithHandComputedValues() throws Exception {
        String er7 = new SiuMessages(SETTINGS).er7(SiuTrigger.S12, booking(AppointmentStatus.BOOKED, "S-4711"), "ITP1",
                OffsetDateTime.parse("2026-11-30T12:00:00Z"));
        Terser t = new Terser(parseValidSiu(er7));

        // Filler: implant-service, which books the slot (its booking id, namespace the sending application);
        // placer: the requesting system's id, given here.
        assertEquals(BOOKING.toString(), t.get("/SCH-2-1"));
        assertEquals("ITPUMP", t.get("/SCH-2-2"));
        assertEquals("OR-2026-0042", t.get("/SCH-1-1"));
        assertEquals("BOOKED", t.get("/SCH-6-1"));
        assertEquals(SiuMessages.LOCAL_REASONS, t.get("/SCH-6-3"));
        assertEquals("TC-01", t.get("/SCH-16-1"));
        assertEquals("SCHED-7", t.get("/SCH-20-1"));
        // 08:30Z on 3 Dec 2026 is 09:30 in Berlin (CET, UTC+1 in winter); 10:00Z is 11:00.
        assertEquals("20261203093000+0100", t.get("/TQ1-7"));
        assertEquals("20261203110000+0100", t.get("/TQ1-8"));
        assertEquals("90", t.get("/TQ1-13-1"));
        assertEquals("20261130130000+0100", t.get("/MSH-7"));
        // The patient only by the opaque reference, with the configured assigning authority; no name.
        assertEquals("PT-77", t.get("/PATIENT/PID-3-1"));
        assertEquals("STMARY-MRN", t.get("/PATIENT/PID-3-4-1"));
        assertEquals("PI", t.get("/PATIENT/PID-3-5"));
        assertEquals(null, t.get("/PATIENT/PID-5-1"));
        assertEquals(null, t.get("/PATIENT/PID-5-2"));
        // The whole PID segment, written out by hand: set id, PID-3, and PID-5 with name type S and no name.
        assertEquals("PID|1||PT-77^^^STMARY-MRN^PI||^^^^^^S", segment(er7, "PID"));
        assertEquals("P", t.get("/PATIENT/PV1-2"));
        // CPT is "C4" in HL7 table 0396.
        assertEquals("62362", t.get("/RESOURCES/SERVICE/AIS-3-1"));
        assertEquals("C4", t.get("/RESOURCES/SERVICE/AIS-3-3"));
        assertEquals("Theatre 3", t.get("/RESOURCES/LOCATION_RESOURCE/AIL-3-2"));
        assertEquals(THEATRE.toString(), t.get("/RESOURCES/LOCATION_RESOURCE/AIL-3-10-1"));
        assertEquals("S-4711", t.get("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-1"));
        assertEquals("Okafor", t.get("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-2-1"));
        assertEquals("304292004", t.get("/RESOURCES/PERSONNEL_RESOURCE/AIP-4-1"));
    }

    private static String segment(String er7, String name) {
        return java.util.Arrays.stream(er7.split("\r")).filter(s -> s.startsWith(name + "|")).findFirst().orElseThrow();
    }

    @Test
    void aSurgeonWithoutStaffIdIsIdentifiedByTheSourceIdUnderTheSendingApplication() throws Exception {
        Booking booking = booking(AppointmentStatus.BOOKED, null);
        Terser t = new Terser(parseValidSiu(new SiuMessages(SETTINGS).er7(SiuTrigger.S14, booking, "ITP2",
                OffsetDateTime.parse("2026-11-30T12:00:00Z"))));
        assertEquals(booking.surgeon().id().toString(), t.get("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-1"));
        assertEquals("ITPUMP", t.get("/RESOURCES/PERSONNEL_RESOURCE/AIP-3-9-1"));
    }

    /**
     * A booking made in implant-service itself (no placer) by a scheduler whose token names "dr.okafor@st-mary.example":
     * SCH-1 stays empty, SCH-2 is the booking, SCH-20 the scheduler (XCN-1); one the service made itself (enteredBy
     * absent) falls back to the configured default. Each parses back and passes v2.5.1 validation.
     */
    @Test
    void theFillerIdIsTheBookingAndEnteredByIsTheCallerOrTheDefault() throws Exception {
        Booking ownBooking = new Booking(UUID.randomUUID(), UUID.randomUUID(), "PT-77", BOOKING, null,
                AppointmentStatus.BOOKED, OffsetDateTime.parse("2026-12-03T08:30:00Z"),
                OffsetDateTime.parse("2026-12-03T10:00:00Z"), 90, new Booking.Theatre(THEATRE, "Theatre 3"),
                new Booking.Surgeon(UUID.randomUUID(), "Okafor", "S-4711"),
                new Booking.CodedProcedure("CPT", "62362", "Implantation of programmable intrathecal pump"), null,
                "dr.okafor@st-mary.example");
        String er7 = new SiuMessages(SETTINGS).er7(SiuTrigger.S12, ownBooking, "ITP3", OffsetDateTime.parse("2026-11-30T12:00:00Z"));
        Terser t = new Terser(parseValidSiu(er7));
        assertEquals(null, t.get("/SCH-1-1"));
        assertEquals("11111111-2222-3333-4444-555555555555", t.get("/SCH-2-1"));
        assertEquals("ITPUMP", t.get("/SCH-2-2"));
        assertEquals("dr.okafor@st-mary.example", t.get("/SCH-20-1"));
        assertTrue(segment(er7, "SCH").startsWith("SCH||11111111-2222-3333-4444-555555555555^ITPUMP|"), segment(er7, "SCH"));

        Booking bySystem = new Booking(ownBooking.caseId(), ownBooking.pathwayId(), "PT-77", BOOKING, null,
                AppointmentStatus.CANCELLED, ownBooking.start(), ownBooking.end(), 90, ownBooking.theatre(),
                ownBooking.surgeon(), ownBooking.procedure(), new Booking.CodedReason("TRIAL_CANCELLED", "trial cancelled"), null);
        Terser cancelled = new Terser(parseValidSiu(new SiuMessages(SETTINGS).er7(SiuTrigger.S15, bySystem, "ITP4",
                OffsetDateTime.parse("2026-11-30T12:00:00Z"))));
        assertEquals("ITPUMP", cancelled.get("/SCH-20-1"), "the configured default entered-by");
        assertEquals("11111111-2222-3333-4444-555555555555", cancelled.get("/SCH-2-1"));
    }
}
