package org.itpump.implant.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.security.Roles;
import org.itpump.chassis.store.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;
import org.itpump.implant.domain.OperatingRoom;
import org.itpump.implant.service.TheatreService;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/")
@Tag(name = "Theatre")
@Produces(MediaType.APPLICATION_JSON)
public class TheatreResource {

    public record Room(UUID operatingRoomId, String name) {
        static Room of(OperatingRoom room) {
            return new Room(room.id(), room.name());
        }
    }

    public record Surgeon(UUID surgeonId, String name, String staffRef) {
        static Surgeon of(org.itpump.implant.domain.Surgeon surgeon) {
            return surgeon == null ? null : new Surgeon(surgeon.id(), surgeon.name(), surgeon.staffRef());
        }
    }

    public record ListedBooking(UUID bookingId, UUID caseId, String patientRef, OffsetDateTime start,
                                OffsetDateTime end, Surgeon surgeon) {
    }

    public record RoomList(UUID operatingRoomId, String name, List<ListedBooking> bookings) {
    }

    private final TheatreService theatre;

    TheatreResource(TheatreService theatre) {
        this.theatre = theatre;
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.OPS})
    @POST
    @Path("operating-rooms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an operating room", description = "409 when the name is taken.")
    public Uni<Response> registerRoom(@NotNull @Valid ImplantCaseRequests.RegisterRoom request) {
        return theatre.registerRoom(request.name())
                .map(room -> Response.status(Response.Status.CREATED).entity(Room.of(room)).build());
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("operating-rooms")
    @Operation(summary = "Operating rooms by name, one page at a time",
            description = "limit (1-200, default 50) rows per page; the next page's URI is in the Link header, rel=\"next\".")
    public Uni<RestResponse<List<Room>>> rooms(@BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        return theatre.rooms(page).map(rooms -> rooms.map(Room::of).answer(uri));
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.OPS})
    @POST
    @Path("surgeons")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a surgeon", description = "409 when the staff reference is taken.")
    public Uni<Response> registerSurgeon(@NotNull @Valid ImplantCaseRequests.RegisterSurgeon request) {
        return theatre.registerSurgeon(request.name(), request.staffRef())
                .map(surgeon -> Response.status(Response.Status.CREATED).entity(Surgeon.of(surgeon)).build());
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("surgeons")
    @Operation(summary = "Surgeons by name, one page at a time",
            description = "limit (1-200, default 50) rows per page; the next page's URI is in the Link header, rel=\"next\".")
    public Uni<RestResponse<List<Surgeon>>> surgeons(@BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        return theatre.surgeons(page).map(surgeons -> surgeons.map(Surgeon::of).answer(uri));
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("theatre-list")
    @Operation(summary = "The day's theatre list per room",
            description = "date is a day (YYYY-MM-DD) in the hospital's time zone (itpump.implant.hospital-zone). "
                    + "Rooms by name, limit (1-200, default 50) rooms per page; the next page's URI is in the Link "
                    + "header, rel=\"next\".")
    public Uni<RestResponse<List<RoomList>>> theatreList(@NotNull @QueryParam("date") LocalDate date,
                                                         @BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        return theatre.theatreList(date, page).map(days -> days.map(day -> new RoomList(day.room().id(), day.room().name(),
                day.bookings().stream().map(listed -> new ListedBooking(listed.booking().id(), listed.booking().caseId(),
                        listed.implantCase() == null ? null : listed.implantCase().patientRef(),
                        listed.booking().startsAt(), listed.booking().endsAt(), Surgeon.of(listed.surgeon()))).toList()))
                .answer(uri));
    }
}
