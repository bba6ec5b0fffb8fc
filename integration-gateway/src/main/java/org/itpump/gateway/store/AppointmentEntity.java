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

/** An implant booking as last told to the engines (table appointment; columns in snake case, named one by one). */
@Entity
@Table(name = "appointment")
public class AppointmentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "pathway_id")
    public UUID pathwayId;
    @Column(name = "patient_ref")
    public String patientRef;
    @Column(name = "booking_id")
    public UUID bookingId;
    @Column(name = "placer_appointment_id")
    public String placerAppointmentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "status")
    public AppointmentStatus status;
    @Column(name = "start_at")
    public OffsetDateTime startAt;
    @Column(name = "end_at")
    public OffsetDateTime endAt;
    @Column(name = "duration_minutes")
    public int durationMinutes;
    @Column(name = "theatre_id")
    public UUID theatreId;
    @Column(name = "theatre_name")
    public String theatreName;
    @Column(name = "surgeon_id")
    public UUID surgeonId;
    @Column(name = "surgeon_name")
    public String surgeonName;
    @Column(name = "surgeon_staff_id")
    public String surgeonStaffId;
    @Column(name = "procedure_system")
    public String procedureSystem;
    @Column(name = "procedure_code")
    public String procedureCode;
    @Column(name = "procedure_text")
    public String procedureText;
    @Column(name = "entered_by")
    public String enteredBy;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The booking (without the reason, which belongs to one change, not to the appointment). */
    public Booking toBooking() {
        return new Booking(caseId, pathwayId, patientRef, bookingId, placerAppointmentId, status, startAt, endAt,
                durationMinutes, new Booking.Theatre(theatreId, theatreName),
                new Booking.Surgeon(surgeonId, surgeonName, surgeonStaffId),
                new Booking.CodedProcedure(procedureSystem, procedureCode, procedureText), null, enteredBy);
    }

    /** Copies the booking's state into this row. */
    public AppointmentEntity take(Booking b, OffsetDateTime now) {
        caseId = b.caseId();
        pathwayId = b.pathwayId();
        patientRef = b.patientRef();
        bookingId = b.bookingId();
        placerAppointmentId = b.placerAppointmentId();
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
