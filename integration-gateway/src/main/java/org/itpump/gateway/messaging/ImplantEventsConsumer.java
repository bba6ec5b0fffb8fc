package org.itpump.gateway.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.Implant;
import org.itpump.gateway.service.BookingMessages;
import org.itpump.gateway.service.ImplantRecords;

import java.time.LocalDate;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The implant bookings (scheduled, rescheduled, cancelled) and completions become SIU messages. */
@ApplicationScoped
public class ImplantEventsConsumer {

    /**
     * What the gateway reads of implant.scheduled, implant.rescheduled and implant.cancelled. Optional (issue 15,
     * absent from earlier producers): placerAppointmentId (SCH-1), reasonCode (SCH-6), enteredBy (SCH-20) and the
     * surgeon's staffId (AIP-3).
     */
    public record ImplantBooking(UUID pathwayId, String patientRef, UUID caseId, UUID bookingId,
                                 String placerAppointmentId, String appointmentStatus, OffsetDateTime start,
                                 OffsetDateTime end, int durationMinutes, Room operatingRoom, Surgeon surgeon,
                                 Procedure procedure, String reason, String reasonCode, String enteredBy) {

        Booking toBooking(AppointmentStatus status) {
            return new Booking(caseId, pathwayId, patientRef, bookingId, placerAppointmentId, status, start, end,
                    durationMinutes, new Booking.Theatre(operatingRoom.id(), operatingRoom.name()),
                    new Booking.Surgeon(surgeon.id(), surgeon.name(), surgeon.staffId()),
                    new Booking.CodedProcedure(procedure.codingSystem(), procedure.code(), procedure.description()),
                    reason == null && reasonCode == null ? null : new Booking.CodedReason(reasonCode, reason), enteredBy);
        }
    }

    /** The operating theatre booked. */
    public record Room(UUID id, String name) {
    }

    /** The surgeon booked; staffId optional. */
    public record Surgeon(UUID id, String name, String staffId) {
    }

    /** The procedure booked, e.g. CPT 62362. */
    public record Procedure(String codingSystem, String code, String description) {
    }

    /**
     * What the gateway reads of implant.completed: the SIU feed needs the case; FHIR the procedure and the devices.
     * Optional (issue 15): the pump's lotNumber, expiresOn and udi, the catheter device, and enteredBy (who recorded the
     * completion: SCH-20 of its S14).
     */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, DeviceFacts device,
                                   DeviceFacts catheter, String catheterEntryLevel, String catheterTipLevel,
                                   String pumpPocketSide, OffsetDateTime procedureStartedAt,
                                   OffsetDateTime procedureEndedAt, OffsetDateTime completedAt, String enteredBy) {

        Implant toImplant() {
            return new Implant(caseId, pathwayId, patientRef, procedureStartedAt,
                    procedureEndedAt != null ? procedureEndedAt : completedAt, catheterEntryLevel, catheterTipLevel,
                    pumpPocketSide, device == null ? null : device.facts(), catheter == null ? null : catheter.facts(), null);
        }
    }

    /** An implanted device as the implant events describe it. */
    public record DeviceFacts(String manufacturer, String model, String serialNumber, String lotNumber,
                              LocalDate expiresOn, String udi) {
        Implant.DeviceFacts facts() {
            return new Implant.DeviceFacts(manufacturer, model, serialNumber, lotNumber, expiresOn, udi);
        }
    }

    /** What the gateway reads of implant.explanted. */
    public record ImplantExplanted(UUID pathwayId, String patientRef, UUID caseId, String reason,
                                   OffsetDateTime explantedAt) {

        Implant toImplant() {
            return new Implant(caseId, pathwayId, patientRef, null, explantedAt, null, null, null, null, null, null);
        }
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, BookingMessages bookings, ImplantRecords records) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("implant.scheduled", ImplantBooking.class, e -> bookings.booked(e.toBooking(AppointmentStatus.BOOKED)))
                .on("implant.rescheduled", ImplantBooking.class, e -> bookings.booked(e.toBooking(AppointmentStatus.BOOKED)))
                .on("implant.cancelled", ImplantBooking.class,
                        e -> bookings.cancelled(e.caseId(), e.toBooking(AppointmentStatus.BOOKED)))
                .on("implant.completed", ImplantCompleted.class,
                        e -> bookings.completed(e.caseId(), e.enteredBy()).chain(() -> records.implanted(e.toImplant())))
                .on("implant.explanted", ImplantExplanted.class, e -> records.explanted(e.toImplant(), e.reason()));
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<String> message) {
        return processor.process(message, handlers);
    }
}
