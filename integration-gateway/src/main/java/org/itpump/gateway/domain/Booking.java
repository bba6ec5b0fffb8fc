package org.itpump.gateway.domain;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * The gateway's picture of one implant booking (one theatre appointment of one implant case), as the SIU and FHIR
 * messages need it. Built from implant.scheduled / rescheduled / cancelled / completed.
 *
 * @param placerAppointmentId  the booking id implant-service assigns when it asks for theatre time (SCH-1)
 * @param fillerAppointmentId  the theatre system's own id of the appointment (SCH-2), when implant-service has one;
 *                             null until then
 * @param durationMinutes      booked length, minutes
 */
public record Booking(UUID caseId, UUID pathwayId, String patientRef, UUID placerAppointmentId,
                      String fillerAppointmentId, AppointmentStatus status, OffsetDateTime start, OffsetDateTime end,
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
                && Objects.equals(procedure, other.procedure) && Objects.equals(fillerAppointmentId, other.fillerAppointmentId);
    }

    public Booking withStatus(AppointmentStatus newStatus, CodedReason why) {
        return new Booking(caseId, pathwayId, patientRef, placerAppointmentId, fillerAppointmentId, newStatus, start, end,
                durationMinutes, theatre, surgeon, procedure, why, enteredBy);
    }
}
