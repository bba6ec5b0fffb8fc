package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.exception.ConstraintViolationException;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.implant.domain.OperatingRoom;
import org.itpump.implant.domain.Surgeon;
import org.itpump.implant.domain.TheatreBooking;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Operating rooms, surgeons and their bookings, mapped to and from their domain records. */
@ApplicationScoped
public class TheatreRepository {

    private static final Keyset<OperatingRoomEntity> ROOMS_BY_NAME =
            Keyset.of(OperatingRoomEntity.class, (OperatingRoomEntity r) -> r.id).ascending("name");
    private static final Keyset<SurgeonEntity> SURGEONS_BY_NAME =
            Keyset.of(SurgeonEntity.class, (SurgeonEntity s) -> s.id).ascending("name");

    public Uni<OperatingRoom> room(UUID roomId) {
        return OperatingRoomEntity.<OperatingRoomEntity>findById(roomId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Operating room", roomId)).map(OperatingRoomEntity::toRoom);
    }

    public Uni<Surgeon> surgeon(UUID surgeonId) {
        return SurgeonEntity.<SurgeonEntity>findById(surgeonId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Surgeon", surgeonId)).map(SurgeonEntity::toSurgeon);
    }

    /** One page of the operating rooms, by name (then id). */
    public Uni<Page<OperatingRoom>> rooms(PageRequest page) {
        return QueryFilter.create().page((query, parameters) -> OperatingRoomEntity.<OperatingRoomEntity>find(query, parameters),
                ROOMS_BY_NAME, page).map(found -> found.map(OperatingRoomEntity::toRoom));
    }

    /** One page of the surgeons, by name (then id). */
    public Uni<Page<Surgeon>> surgeons(PageRequest page) {
        return QueryFilter.create().page((query, parameters) -> SurgeonEntity.<SurgeonEntity>find(query, parameters),
                SURGEONS_BY_NAME, page).map(found -> found.map(SurgeonEntity::toSurgeon));
    }

    public Uni<List<Surgeon>> surgeons(Collection<UUID> surgeonIds) {
        return surgeonIds.isEmpty() ? Uni.createFrom().item(List.of())
                : SurgeonEntity.<SurgeonEntity>list("id in ?1", surgeonIds)
                .map(rows -> rows.stream().map(SurgeonEntity::toSurgeon).toList());
    }

    public Uni<TheatreBooking> booking(UUID bookingId) {
        return TheatreBookingEntity.<TheatreBookingEntity>findById(bookingId).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Theatre booking", bookingId))
                .map(TheatreBookingEntity::toBooking);
    }

    /** Booked slots of these rooms starting in [from, to), by start time. */
    public Uni<List<TheatreBooking>> bookedBetween(Collection<UUID> roomIds, OffsetDateTime from, OffsetDateTime to) {
        return roomIds.isEmpty() ? Uni.createFrom().item(List.of())
                : TheatreBookingEntity.<TheatreBookingEntity>list(
                        "status = ?1 and startsAt >= ?2 and startsAt < ?3 and operatingRoomId in ?4",
                        Sort.ascending("startsAt"), TheatreBookingEntity.BOOKED, from, to, roomIds)
                .map(rows -> rows.stream().map(TheatreBookingEntity::toBooking).toList());
    }

    /**
     * Writes the booking (new, or its row loaded in this session) now, not at commit, so that PostgreSQL's
     * exclusion constraints judge it inside the request: an overlap becomes a 409 naming what is taken.
     */
    public Uni<TheatreBooking> save(TheatreBooking booking) {
        return Panache.getSession().chain(session -> session.find(TheatreBookingEntity.class, booking.id())
                        .chain(row -> {
                            if (row != null) {
                                row.apply(booking);
                                return session.flush();
                            }
                            TheatreBookingEntity created = new TheatreBookingEntity();
                            created.apply(booking);
                            return session.persist(created).call(session::flush);
                        }))
                .replaceWith(booking)
                .onFailure(ConstraintViolationException.class).transform(TheatreRepository::conflict);
    }

    /** Registers a room; a name already taken is a 409. */
    public Uni<OperatingRoom> register(OperatingRoom room) {
        return registered(OperatingRoomEntity.of(room)).replaceWith(room);
    }

    /** Registers a surgeon; a staff reference already taken is a 409. */
    public Uni<Surgeon> register(Surgeon surgeon) {
        return registered(SurgeonEntity.of(surgeon)).replaceWith(surgeon);
    }

    private <T> Uni<T> registered(T entity) {
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
