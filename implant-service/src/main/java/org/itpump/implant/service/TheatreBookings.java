package org.itpump.implant.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.OperatingRoom;
import org.itpump.implant.domain.Surgeon;
import org.itpump.implant.domain.TheatreBooking;
import org.itpump.implant.store.TheatreRepository;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A case's theatre booking with its room and surgeon, within the caller's transaction. PostgreSQL's exclusion
 * constraints, not this class, guarantee that no room and no surgeon is double-booked.
 */
@ApplicationScoped
public class TheatreBookings {

    /** A booking as the scheduler asks for it: room, surgeon, start and duration (minutes). */
    public record Request(UUID operatingRoomId, UUID surgeonId, OffsetDateTime start, int durationMinutes) {
    }

    /** A booking with the room and surgeon it names (all null for a case without a booking). */
    record Booked(TheatreBooking booking, OperatingRoom room, Surgeon surgeon) {
        static final Booked NONE = new Booked(null, null, null);
    }

    private final TheatreRepository theatre;

    TheatreBookings(TheatreRepository theatre) {
        this.theatre = theatre;
    }

    /** The room and surgeon a request names (404 for either unknown); booking null. */
    Uni<Booked> resources(Request request) {
        return theatre.room(request.operatingRoomId()).chain(room -> theatre.surgeon(request.surgeonId())
                .map(surgeon -> new Booked(null, room, surgeon)));
    }

    /** The case's live booking with its room and surgeon, or {@link Booked#NONE}. */
    Uni<Booked> of(ImplantCase implantCase) {
        if (implantCase.bookingId() == null) {
            return Uni.createFrom().item(Booked.NONE);
        }
        return theatre.booking(implantCase.bookingId()).chain(booking -> theatre.room(booking.operatingRoomId())
                .chain(room -> theatre.surgeon(booking.surgeonId()).map(surgeon -> new Booked(booking, room, surgeon))));
    }

    /** Writes the booking an act made or changed now (an overlap is a 409); nothing when the act touched none. */
    Uni<Void> save(TheatreBooking booking) {
        return booking == null ? Uni.createFrom().voidItem() : theatre.save(booking).replaceWithVoid();
    }
}
