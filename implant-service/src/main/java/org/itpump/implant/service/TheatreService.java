package org.itpump.implant.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.implant.store.ImplantCaseEntity;
import org.itpump.implant.store.ImplantCaseRepository;
import org.itpump.implant.store.OperatingRoomEntity;
import org.itpump.implant.store.SurgeonEntity;
import org.itpump.implant.store.TheatreBookingEntity;
import org.itpump.implant.store.TheatreRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Operating rooms, surgeons and the day's theatre list. */
@ApplicationScoped
public class TheatreService {

    public record ListedBooking(TheatreBookingEntity booking, ImplantCaseEntity implantCase, SurgeonEntity surgeon) {
    }

    public record RoomDay(OperatingRoomEntity room, List<ListedBooking> bookings) {
    }

    private final TheatreRepository theatre;
    private final ImplantCaseRepository cases;
    private final Clock clock;
    private final ZoneId hospitalZone;

    TheatreService(TheatreRepository theatre, ImplantCaseRepository cases, Clock clock,
                   @ConfigProperty(name = "itpump.implant.hospital-zone") ZoneId hospitalZone) {
        this.theatre = theatre;
        this.cases = cases;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
    }

    @WithTransaction
    public Uni<OperatingRoomEntity> registerRoom(String name) {
        OperatingRoomEntity room = new OperatingRoomEntity();
        room.id = UUID.randomUUID();
        room.name = name;
        room.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return theatre.register(room);
    }

    @WithTransaction
    public Uni<SurgeonEntity> registerSurgeon(String name, String staffRef) {
        SurgeonEntity surgeon = new SurgeonEntity();
        surgeon.id = UUID.randomUUID();
        surgeon.name = name;
        surgeon.staffRef = staffRef;
        surgeon.createdAt = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return theatre.register(surgeon);
    }

    @WithSession
    public Uni<Page<OperatingRoomEntity>> rooms(PageRequest page) {
        return theatre.rooms(page);
    }

    @WithSession
    public Uni<Page<SurgeonEntity>> surgeons(PageRequest page) {
        return theatre.surgeons(page);
    }

    /**
     * One page of rooms (by name), each with its bookings starting on that day in the hospital's time zone, in time
     * order.
     */
    @WithSession
    public Uni<Page<RoomDay>> theatreList(LocalDate day, PageRequest page) {
        OffsetDateTime from = day.atStartOfDay(hospitalZone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(hospitalZone).toOffsetDateTime();
        return theatre.rooms(page).chain(rooms -> theatre.bookedBetween(rooms.items().stream().map(r -> r.id).toList(), from, to)
                .chain(bookings -> theatre.surgeons(bookings.stream().map(b -> b.surgeonId).distinct().toList())
                        .chain(surgeons -> (bookings.isEmpty() ? Uni.createFrom().item(List.<ImplantCaseEntity>of())
                                : cases.list("id in ?1", bookings.stream().map(b -> b.caseId).toList()))
                        .map(bookedCases -> {
                            Map<UUID, SurgeonEntity> surgeonById = surgeons.stream()
                                    .collect(Collectors.toMap(s -> s.id, Function.identity()));
                            Map<UUID, ImplantCaseEntity> caseById = bookedCases.stream()
                                    .collect(Collectors.toMap(c -> c.id, Function.identity()));
                            return rooms.map(room -> new RoomDay(room, bookings.stream()
                                    .filter(b -> b.operatingRoomId.equals(room.id))
                                    .map(b -> new ListedBooking(b, caseById.get(b.caseId), surgeonById.get(b.surgeonId)))
                                    .toList()));
                        }))));
    }
}
