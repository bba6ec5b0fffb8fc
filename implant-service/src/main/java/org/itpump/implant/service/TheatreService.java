package org.itpump.implant.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.OperatingRoom;
import org.itpump.implant.domain.Surgeon;
import org.itpump.implant.domain.TheatreBooking;
import org.itpump.implant.store.ImplantCaseRepository;
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

    public record ListedBooking(TheatreBooking booking, ImplantCase implantCase, Surgeon surgeon) {
    }

    public record RoomDay(OperatingRoom room, List<ListedBooking> bookings) {
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
    public Uni<OperatingRoom> registerRoom(String name) {
        return theatre.register(OperatingRoom.register(name, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
    }

    @WithTransaction
    public Uni<Surgeon> registerSurgeon(String name, String staffRef) {
        return theatre.register(Surgeon.register(name, staffRef,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)));
    }

    @WithSession
    public Uni<Page<OperatingRoom>> rooms(PageRequest page) {
        return theatre.rooms(page);
    }

    @WithSession
    public Uni<Page<Surgeon>> surgeons(PageRequest page) {
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
        return theatre.rooms(page).chain(rooms -> theatre.bookedBetween(rooms.items().stream().map(OperatingRoom::id).toList(), from, to)
                .chain(bookings -> theatre.surgeons(bookings.stream().map(TheatreBooking::surgeonId).distinct().toList())
                        .chain(surgeons -> cases.byIds(bookings.stream().map(TheatreBooking::caseId).toList())
                        .map(bookedCases -> {
                            Map<UUID, Surgeon> surgeonById = surgeons.stream()
                                    .collect(Collectors.toMap(Surgeon::id, Function.identity()));
                            Map<UUID, ImplantCase> caseById = bookedCases.stream()
                                    .collect(Collectors.toMap(ImplantCase::id, Function.identity()));
                            return rooms.map(room -> new RoomDay(room, bookings.stream()
                                    .filter(b -> b.operatingRoomId().equals(room.id()))
                                    .map(b -> new ListedBooking(b, caseById.get(b.caseId()), surgeonById.get(b.surgeonId())))
                                    .toList()));
                        }))));
    }
}
