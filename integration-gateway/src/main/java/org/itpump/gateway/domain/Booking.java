package org.itpump.gateway.domain;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * The gateway's picture of one implant booking (one theatre appointment of one implant case), as the SIU and FHIR
 * messages need it. Built from implant.scheduled / rescheduled / cancelled / completed.
 *
 * @param bookingId            implant-service's booking id: it books the theatre slot and announces it unsolicited, so it
 *                             is the filler application and this is the filler appointment id (SCH-2; HL7 v2.5.1
 *                             chapter 10: the filler owns the schedule, the placer requests appointments of it)
 * @param placerAppointmentId  the id a requesting (placer) system gave the appointment (SCH-1), when one requested it;
 *                             null for bookings made in implant-service itself (all of them today)
 * @param durationMinutes      booked length, minutes
 */
public record Booking(UUID caseId, UUID pathwayId, String patientRef, UUID bookingId,
                      String placerAppointmentId, AppointmentStatus status, OffsetDateTime start, OffsetDateTime end,
                      int durationMinutes, Theatre theatre, Surgeon surgeon, CodedProcedure procedure,
                      CodedReason reason, String enteredBy) {

    /** The operating theatre (SIU AIL). */
    public record Theatre(UUID id, String name) {
    }

    /**
     * The operating surgeon (SIU AIP). staffId: the hospital's staff number, when the source event carries it (null
     * from producers before issue 15; the gateway then identifies the surgeon by its id in implant-service).
     */
    public record Surgeon(UUID id, String name, String staffId) {
    }

    /** A procedure code as implant-service books it, e.g. CPT 62362. */
    public record CodedProcedure(String codingSystem, String code, String description) {
    }

    /** Why the booking changed, coded where the source codes it (SCH-6). */
    public record CodedReason(String code, String text) {
    }

    /** Same appointment slot (start and end). */
    public boolean sameTime(Booking other) {
        return start.isEqual(other.start) && end.isEqual(other.end);
    }

    /** Same people, place and procedure. */
    public boolean sameResources(Booking other) {
        return Objects.equals(theatre, other.theatre) && Objects.equals(surgeon, other.surgeon)
                && Objects.equals(procedure, other.procedure) && Objects.equals(placerAppointmentId, other.placerAppointmentId);
    }

    /**
     * The same booking as entered by {@code by} (SCH-20): the person whose change this message announces; null when
     * the source names none (a change the service made itself, or an older producer), so the configured default.
     */
    public Booking enteredBy(String by) {
        return new Booking(caseId, pathwayId, patientRef, bookingId, placerAppointmentId, status, start, end,
                durationMinutes, theatre, surgeon, procedure, reason, by);
    }

    public Booking withStatus(AppointmentStatus newStatus, CodedReason why) {
        return new Booking(caseId, pathwayId, patientRef, bookingId, placerAppointmentId, newStatus, start, end,
                durationMinutes, theatre, surgeon, procedure, why, enteredBy);
    }
}
