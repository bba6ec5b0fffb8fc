package org.itpump.implant.api;

import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.security.CallerView;
import org.itpump.chassis.security.Roles;
import org.itpump.chassis.store.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;
import org.itpump.implant.domain.OperatingRoom;
import org.itpump.implant.service.TheatreService;

import java.time.LocalDate;
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

    private final TheatreService theatre;
    private final SecurityIdentity identity;

    TheatreResource(TheatreService theatre, SecurityIdentity identity) {
        this.theatre = theatre;
        this.identity = identity;
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
            description = "Reference data without patient records: no filter is required. limit (1-200, default 50) "
                    + "rows per page; the next page's URI is in the Link header, rel=\"next\".")
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
            description = "Reference data without patient records: no filter is required. limit (1-200, default 50) "
                    + "rows per page; the next page's URI is in the Link header, rel=\"next\".")
    public Uni<RestResponse<List<Surgeon>>> surgeons(@BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        return theatre.surgeons(page).map(surgeons -> surgeons.map(Surgeon::of).answer(uri));
    }

    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("theatre-list")
    @Operation(summary = "The day's theatre list per room",
            description = "date is a day (YYYY-MM-DD) in the hospital's time zone (itpump.implant.hospital-zone). "
                    + "The date is the list's mandatory filter (one day: a worklist bounded by design, no break-glass "
                    + "read). Rooms by name, limit (1-200, default 50) rooms per page; the next page's URI is in the "
                    + "Link header, rel=\"next\".")
    @APIResponse(responseCode = "200", description = TheatreViews.VIEWS, content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = TheatreViews.RoomList.class)))
    public Uni<RestResponse<List<TheatreViews.RoomList>>> theatreList(@NotNull @QueryParam("date") LocalDate date,
                                                                      @BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        CallerView view = CallerView.of(identity);
        return theatre.theatreList(date, page).map(days -> days.map(day -> TheatreViews.of(day, view)).answer(uri));
    }
}
