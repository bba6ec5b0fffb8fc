package org.itpump.gateway.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.gateway.domain.AppointmentStatus;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.SiuTrigger;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.messaging.SiuMessages;
import org.itpump.gateway.store.FhirStore;
import org.itpump.gateway.store.AppointmentEntity;
import org.itpump.gateway.store.Hl7Outbox;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns the implant bookings' changes into SIU messages: keeps the appointment as last told to the engines, picks the
 * trigger ({@link SiuTrigger#forBooking}), builds the message and puts it in the HL7 outbox for each destination.
 * Runs in the consumed event's transaction.
 */
@ApplicationScoped
public class BookingMessages {

    /** The destination name of the Kafka topic of ER7 messages. */
    public static final String KAFKA = "kafka";
    private static final Logger LOG = Logger.getLogger(BookingMessages.class);

    private final Hl7Outbox outbox;
    private final FhirStore fhirStore;
    private final FhirResources fhir;
    private final SiuMessages siu;
    private final List<String> destinations;
    private final Clock clock;

    BookingMessages(Hl7Outbox outbox, FhirStore fhirStore, GatewayConfig config, Clock clock) {
        this.outbox = outbox;
        this.fhirStore = fhirStore;
        this.fhir = config.fhir().resources();
        this.siu = new SiuMessages(config.hl7().settings());
        List<String> all = new ArrayList<>(config.delivery().mllp().keySet().stream().sorted().toList());
        if (config.delivery().kafka()) {
            all.add(KAFKA);
        }
        this.destinations = List.copyOf(all);
        this.clock = clock;
    }

    /** implant.scheduled or implant.rescheduled: S12, S13 or S14, or nothing when the engines already know it. */
    public Uni<Void> booked(Booking next) {
        return AppointmentEntity.<AppointmentEntity>findById(next.caseId()).chain(row -> {
            Booking previous = row == null ? null : row.toBooking();
            SiuTrigger trigger = SiuTrigger.forBooking(previous, next);
            if (trigger == null) {
                return Uni.createFrom().voidItem();
            }
            return save(row, next).chain(() -> send(trigger, next));
        });
    }

    /** implant.cancelled: S15 for a booking the engines know; for one they never heard of, only the state. */
    public Uni<Void> cancelled(UUID caseId, Booking asCancelled) {
        return changeStatus(caseId, asCancelled, AppointmentStatus.CANCELLED, SiuTrigger.S15);
    }

    /**
     * implant.completed: S14 with filler status Complete, so the engines close the appointment; SCH-20 who recorded
     * the completion ({@code enteredBy}, null when the event names none).
     */
    public Uni<Void> completed(UUID caseId, String enteredBy) {
        return changeStatus(caseId, null, AppointmentStatus.COMPLETE, SiuTrigger.S14, enteredBy);
    }

    private Uni<Void> changeStatus(UUID caseId, Booking given, AppointmentStatus status, SiuTrigger trigger) {
        return changeStatus(caseId, given, status, trigger, given == null ? null : given.enteredBy());
    }

    /** SCH-20 of the status change is who made it ({@code enteredBy}), not who made the booking. */
    private Uni<Void> changeStatus(UUID caseId, Booking given, AppointmentStatus status, SiuTrigger trigger,
                                   String enteredBy) {
        return AppointmentEntity.<AppointmentEntity>findById(caseId).chain(row -> {
            if (row == null) {
                // The engines never heard of this booking (it predates the gateway): nothing to cancel or complete
                // there; the gateway keeps the state so that a later rebooking is an S12.
                LOG.debugf("No SIU^%s for implant case %s: the engines were never told of its booking", trigger, caseId);
                return given == null ? Uni.createFrom().voidItem() : save(null, given.withStatus(status, given.reason()));
            }
            Booking base = row.toBooking();
            if (base.status() == status) {
                return Uni.createFrom().voidItem(); // already told
            }
            Booking next = base.withStatus(status, given != null ? given.reason() : null).enteredBy(enteredBy);
            return save(row, next).chain(() -> send(trigger, next));
        });
    }

    /** Keeps the booking and its FHIR Appointment. */
    private Uni<Void> save(AppointmentEntity row, Booking next) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Uni<Void> saved = row == null ? new AppointmentEntity().take(next, now).persist().replaceWithVoid()
                : Uni.createFrom().item(row.take(next, now)).replaceWithVoid();
        return saved.chain(() -> fhirStore.put("Appointment", next.bookingId().toString(), next.pathwayId(),
                next.patientRef(), next.start(), fhir.json(fhir.appointment(next)), now));
    }

    private Uni<Void> send(SiuTrigger trigger, Booking booking) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return outbox.nextControlId().chain(controlId -> outbox.append(booking.pathwayId(), booking.caseId(),
                trigger.name(), controlId, siu.er7(trigger, booking, controlId, now), destinations, now));
    }
}
