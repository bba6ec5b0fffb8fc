package org.itpump.implant.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.implant.domain.TheatreSlot;
import org.itpump.implant.messaging.ImplantEvents;
import org.itpump.implant.store.ImplantCaseEntity;
import org.itpump.implant.store.TheatreBookingEntity;
import org.itpump.implant.store.TheatreRepository;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A case's theatre booking, within the caller's transaction. PostgreSQL's exclusion constraints, not this
 * class, guarantee that no room and no surgeon is double-booked; each change emits its SIU-shaped event.
 */
@ApplicationScoped
public class TheatreBookings {

    public record Request(UUID operatingRoomId, UUID surgeonId, OffsetDateTime start, int durationMinutes) {
    }

    private final TheatreRepository theatre;
    private final Outbox outbox;
    private final Clock clock;

    TheatreBookings(TheatreRepository theatre, Outbox outbox, Clock clock) {
        this.theatre = theatre;
        this.outbox = outbox;
        this.clock = clock;
    }

    Uni<TheatreBookingEntity> book(ImplantCaseEntity implantCase, Request request) {
        TheatreBookingEntity booking = new TheatreBookingEntity();
        booking.id = UUID.randomUUID();
        booking.caseId = implantCase.id;
        booking.status = TheatreBookingEntity.BOOKED;
        booking.createdAt = now();
        place(booking, request);
        implantCase.bookingId = booking.id;
        return theatre.room(request.operatingRoomId()).chain(() -> theatre.surgeon(request.surgeonId()))
                .chain(() -> theatre.save(booking))
                .call(saved -> announce("implant.scheduled", implantCase, saved, null, null));
    }

    Uni<TheatreBookingEntity> reschedule(ImplantCaseEntity implantCase, Request request, String reason) {
        return theatre.booking(implantCase.bookingId).chain(booking -> {
            OffsetDateTime previousStart = booking.startsAt;
            place(booking, request);
            return theatre.room(request.operatingRoomId()).chain(() -> theatre.surgeon(request.surgeonId()))
                    .chain(() -> theatre.save(booking))
                    .call(saved -> announce("implant.rescheduled", implantCase, saved, reason, previousStart));
        });
    }

    Uni<Void> cancel(ImplantCaseEntity implantCase, String reason) {
        return theatre.booking(implantCase.bookingId).chain(booking -> {
            booking.status = TheatreBookingEntity.CANCELLED;
            implantCase.bookingId = null;
            return theatre.save(booking).call(saved -> announce("implant.cancelled", implantCase, saved, reason, null));
        }).replaceWithVoid();
    }

    private void place(TheatreBookingEntity booking, Request request) {
        TheatreSlot slot = TheatreSlot.book(request.start().toInstant(), request.durationMinutes(), clock.instant());
        booking.operatingRoomId = request.operatingRoomId();
        booking.surgeonId = request.surgeonId();
        booking.startsAt = OffsetDateTime.ofInstant(slot.start(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        booking.endsAt = OffsetDateTime.ofInstant(slot.end(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Void> announce(String type, ImplantCaseEntity implantCase, TheatreBookingEntity booking, String reason,
                               OffsetDateTime previousStart) {
        return theatre.room(booking.operatingRoomId).chain(room -> theatre.surgeon(booking.surgeonId)
                .chain(surgeon -> outbox.append(ImplantEvents.appointment(type, implantCase, booking, room, surgeon,
                        reason, previousStart))));
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }
}
