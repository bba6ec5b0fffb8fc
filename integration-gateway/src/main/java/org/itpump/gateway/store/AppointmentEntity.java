package org.itpump.gateway.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An implant booking as last told to the engines (table appointment). */
@Entity
@Table(name = "appointment")
public class AppointmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    public UUID pathwayId;
    public String patientRef;
    public UUID placerAppointmentId;
    public String fillerAppointmentId;
    @Enumerated(EnumType.STRING)
    public AppointmentStatus status;
    public OffsetDateTime startAt;
    public OffsetDateTime endAt;
    public int durationMinutes;
    public UUID theatreId;
    public String theatreName;
    public UUID surgeonId;
    public String surgeonName;
    public String surgeonStaffId;
    public String procedureSystem;
    public String procedureCode;
    public String procedureText;
    public String enteredBy;
    public OffsetDateTime updatedAt;

    /** The booking (without the reason, which belongs to one change, not to the appointment). */
    public Booking toBooking() {
        return new Booking(caseId, pathwayId, patientRef, placerAppointmentId, fillerAppointmentId, status, startAt, endAt,
                durationMinutes, new Booking.Theatre(theatreId, theatreName),
                new Booking.Surgeon(surgeonId, surgeonName, surgeonStaffId),
                new Booking.CodedProcedure(procedureSystem, procedureCode, procedureText), null, enteredBy);
    }

    /** Copies the booking's state into this row. */
    public AppointmentEntity take(Booking b, OffsetDateTime now) {
        caseId = b.caseId();
        pathwayId = b.pathwayId();
        patientRef = b.patientRef();
        placerAppointmentId = b.placerAppointmentId();
        fillerAppointmentId = b.fillerAppointmentId();
        status = b.status();
        startAt = b.start();
        endAt = b.end();
        durationMinutes = b.durationMinutes();
        theatreId = b.theatre().id();
        theatreName = b.theatre().name();
        surgeonId = b.surgeon().id();
        surgeonName = b.surgeon().name();
        surgeonStaffId = b.surgeon().staffId();
        procedureSystem = b.procedure().codingSystem();
        procedureCode = b.procedure().code();
        procedureText = b.procedure().description();
        enteredBy = b.enteredBy();
        updatedAt = now;
        return this;
    }
}
