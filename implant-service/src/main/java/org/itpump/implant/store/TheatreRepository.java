package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.problem.StateConflictException;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Operating rooms, surgeons and their bookings. */
@ApplicationScoped
public class TheatreRepository {

    public Uni<OperatingRoomEntity> room(UUID roomId) {
        return OperatingRoomEntity.<OperatingRoomEntity>findById(roomId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Operating room", roomId));
    }

    public Uni<SurgeonEntity> surgeon(UUID surgeonId) {
        return SurgeonEntity.<SurgeonEntity>findById(surgeonId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Surgeon", surgeonId));
    }

    public Uni<List<OperatingRoomEntity>> rooms() {
        return OperatingRoomEntity.listAll(Sort.ascending("name"));
    }

    public Uni<List<SurgeonEntity>> surgeons() {
        return SurgeonEntity.listAll(Sort.ascending("name"));
    }

    public Uni<TheatreBookingEntity> booking(UUID bookingId) {
        return TheatreBookingEntity.<TheatreBookingEntity>findById(bookingId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Theatre booking", bookingId));
    }

    /** Booked slots starting in [from, to), by start time. */
    public Uni<List<TheatreBookingEntity>> bookedBetween(OffsetDateTime from, OffsetDateTime to) {
        return TheatreBookingEntity.list("status = ?1 and startsAt >= ?2 and startsAt < ?3", Sort.ascending("startsAt"),
                TheatreBookingEntity.BOOKED, from, to);
    }

    /**
     * Writes the booking now (not at commit), so that PostgreSQL's exclusion constraints judge it inside the
     * request: an overlap becomes a 409 naming what is taken.
     */
    public Uni<TheatreBookingEntity> save(TheatreBookingEntity booking) {
        return Panache.getSession()
                .chain(session -> session.contains(booking) ? session.flush() : session.persist(booking).call(session::flush))
                .replaceWith(booking)
                .onFailure(ConstraintViolationException.class).transform(TheatreRepository::conflict);
    }

    /** Registers a room or a surgeon; a name or staff reference already taken is a 409. */
    public <T> Uni<T> register(T entity) {
        return Panache.getSession().chain(session -> session.persist(entity).call(session::flush))
                .replaceWith(entity)
                .onFailure(ConstraintViolationException.class)
                .transform(e -> new StateConflictException("That name or staff reference is already registered"));
    }

    private static Throwable conflict(Throwable failure) {
        // PostgreSQL names the constraint in its message; Hibernate does not extract it for exclusion constraints
        String constraint = ((ConstraintViolationException) failure).getConstraintName() + " " + failure.getMessage()
                + " " + (failure.getCause() == null ? "" : failure.getCause().getMessage());
        if (constraint.contains("room_free")) {
            return new StateConflictException("The operating room is already booked at that time");
        }
        if (constraint.contains("surgeon_free")) {
            return new StateConflictException("The surgeon is already booked at that time");
        }
        if (constraint.contains("one_per_case")) {
            return new StateConflictException("The case already has a booking");
        }
        return failure;
    }
}
