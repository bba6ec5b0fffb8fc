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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.breakglass.BreakGlass;
import org.itpump.chassis.breakglass.BreakGlassReason;
import org.itpump.chassis.breakglass.ListFilter;
import org.itpump.chassis.security.CallerView;
import org.itpump.chassis.security.Roles;
import org.itpump.chassis.store.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;
import org.itpump.implant.api.ImplantCaseRequests.BookTheatre;
import org.itpump.implant.api.ImplantCaseRequests.RescheduleTheatre;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.service.ImplantCaseService;
import org.itpump.implant.service.TheatreBookings;

import java.util.List;
import java.util.UUID;

@Path("/implant-cases")
@Tag(name = "Implant cases")
@Produces(MediaType.APPLICATION_JSON)
public class ImplantCaseResource {

    static final String VIEWS = "By the caller's widest role: clinician, nurse, integration: ImplantCaseView (all); "
            + "scheduler: ImplantCaseSchedulingView (no baselineNrs, procedure or clinical free text); "
            + "ops: ImplantCaseOperationalView (ids, status, timestamps, counts)";

    private final ImplantCaseService cases;
    private final SecurityIdentity identity;

    private final BreakGlass breakGlass;

    ImplantCaseResource(ImplantCaseService cases, SecurityIdentity identity, BreakGlass breakGlass) {
        this.cases = cases;
        this.identity = identity;
        this.breakGlass = breakGlass;
    }

    /** The case as the caller's widest role may see it (least privilege): see {@link ImplantCaseViews}. */
    private static ImplantProcedure.CatheterDevice catheter(ImplantCaseRequests.Catheter c) {
        return c == null ? null : new ImplantProcedure.CatheterDevice(c.manufacturer(), c.model(), c.serialNumber(),
                c.lotNumber(), c.expiresOn(), c.udi());
    }

    private Object shown(ImplantCase implantCase) {
        return ImplantCaseViews.of(implantCase, CallerView.of(identity));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "Implant cases, oldest first, by status and/or pathway, one page at a time",
            description = "status=AWAITING_SCHEDULING lists the cases waiting for a theatre booking. A filter is "
                    + "required: pathwayId (one patient), or status=AWAITING_SCHEDULING or SCHEDULED (the scheduling "
                    + "worklists); without one 400 (filter-required) unless the caller sends " + BreakGlass.HEADER
                    + " (a recorded break-glass read). limit (1-200, default 50) rows per page; the next page's URI is "
                    + "in the Link header, rel=\"next\".")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, oneOf = {ImplantCaseView.class, ImplantCaseViews.Scheduling.class,
                    ImplantCaseViews.Operational.class})))
    public Uni<RestResponse<List<Object>>> search(@QueryParam("status") ImplantCaseStatus status,
                                                           @QueryParam("pathwayId") UUID pathwayId,
                                                           @BeanParam PageRequest page,
                                                           @BeanParam BreakGlassReason reason, @Context UriInfo uri) {
        page.validated();
        ListFilter filter = ListFilter.create().patient("pathwayId", pathwayId)
                .worklist("status", status, ImplantCaseStatus.AWAITING_SCHEDULING, ImplantCaseStatus.SCHEDULED);
        return breakGlass.page(filter, reason, () -> cases.search(status, pathwayId, page)).map(found -> found.map(this::shown).answer(uri));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{caseId}")
    @Operation(summary = "One implant case")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {ImplantCaseView.class, ImplantCaseViews.Scheduling.class,
                    ImplantCaseViews.Operational.class})))
    public Uni<Object> get(@PathParam("caseId") UUID caseId) {
        return cases.find(caseId).map(this::shown);
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.OPS})
    @GET
    @Path("/{caseId}/history")
    @Operation(summary = "What happened to the case, oldest first",
            description = "Schedulers and ops get each line without its detail (it may name a device or a clinical reason).")
    public Uni<List<ImplantCaseView.HistoryLine>> history(@PathParam("caseId") UUID caseId) {
        return cases.history(caseId).map(lines -> lines.stream().map(line -> ImplantCaseViews.of(line, CallerView.of(identity))).toList());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @PUT
    @Path("/{caseId}/pre-op-checklist")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm pre-op items", description = "The body lists every item confirmed so far; emits "
            + "implant.pre-op-checklist-updated with the checklist and the caller.")
    public Uni<ImplantCaseView> confirmPreOp(@PathParam("caseId") UUID caseId,
                                             @NotNull @Valid ImplantCaseRequests.ConfirmPreOp request) {
        // the confirming clinician or nurse is the caller (published in implant.pre-op-checklist-updated)
        return cases.confirmPreOp(caseId, request.confirmed(), identity.getPrincipal().getName()).map(ImplantCaseView::of);
    }

    @RolesAllowed({Roles.SCHEDULER})
    @POST
    @Path("/{caseId}/booking")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book the surgery: room, surgeon, start and duration",
            description = "Emits implant.scheduled (SIU S12). 409 when the room or the surgeon is taken at that time, "
                    + "or the case is not awaiting scheduling; 422 for a start in the past or a duration outside 30-480 min.")
    public Uni<Object> book(@PathParam("caseId") UUID caseId, @NotNull @Valid BookTheatre request) {
        return cases.book(caseId, new TheatreBookings.Request(request.operatingRoomId(), request.surgeonId(),
                request.start(), request.durationMinutes()), caller()).map(this::shown);
    }

    @RolesAllowed({Roles.SCHEDULER})
    @PUT
    @Path("/{caseId}/booking")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reschedule the surgery, with a reason", description = "Emits implant.rescheduled (SIU S13).")
    public Uni<Object> reschedule(@PathParam("caseId") UUID caseId, @NotNull @Valid RescheduleTheatre request) {
        return cases.reschedule(caseId, new TheatreBookings.Request(request.operatingRoomId(), request.surgeonId(),
                request.start(), request.durationMinutes()), request.reason(), request.reasonCode(), caller())
                .map(this::shown);
    }

    @RolesAllowed({Roles.SCHEDULER})
    @POST
    @Path("/{caseId}/booking/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel the booking, with a reason",
            description = "The case awaits scheduling again; emits implant.cancelled (SIU S15).")
    public Uni<Object> cancelBooking(@PathParam("caseId") UUID caseId,
                                              @NotNull @Valid ImplantCaseRequests.CancelBooking request) {
        return cases.cancelBooking(caseId, request.reason(), request.reasonCode(), caller()).map(this::shown);
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{caseId}/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the completed two-part implant",
            description = "Part 1 intrathecal catheter (entry and tip level), part 2 pump in an abdominal pocket, the "
                    + "device and the anesthesia. Emits implant.completed, which opens pump therapy and post-op "
                    + "monitoring. 409 unless scheduled; 422 while the pre-op checklist is incomplete, and for a device "
                    + "that is not a device catalogue model (the answer names the known ones), is not made by the "
                    + "manufacturer given, or has a reservoir volume the model is not made in. implant.completed "
                    + "carries the catalogue's facts of the pump (low-reservoir alarm, mechanism, MRI conditions).")
    public Uni<ImplantCaseView> complete(@PathParam("caseId") UUID caseId,
                                         @NotNull @Valid ImplantCaseRequests.CompleteImplant request) {
        ImplantCaseRequests.Device device = request.device();
        return cases.complete(caseId, new ImplantCaseService.ProcedureRecord(request.catheterEntryLevel(),
                        request.catheterTipLevel(), request.pumpPocketSide(),
                        new ImplantProcedure.PumpDevice(device.manufacturer(), device.model(), device.serialNumber(),
                                device.reservoirVolumeMl(), device.lotNumber(), device.expiresOn(), device.udi()),
                        request.anesthesia(), request.startedAt(), request.endedAt(), catheter(request.catheter())),
                        caller())
                .map(ImplantCaseView::of);
    }

    /**
     * Who makes a booking change or records the completion: the caller's token (JWT upn, else sub), as the pre-op
     * checklist's confirmer; published as {@code enteredBy} (HL7 SIU SCH-20 downstream).
     */
    private String caller() {
        return identity.getPrincipal().getName();
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{caseId}/explant")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the pump's removal", description = "At any time after the implant; emits implant.explanted. "
            + "An explant planned in advance may record its withdrawalPlan (422 when it starts in the future).")
    public Uni<ImplantCaseView> explant(@PathParam("caseId") UUID caseId,
                                        @NotNull @Valid ImplantCaseRequests.Explant request) {
        ImplantCaseRequests.WithdrawalPlan plan = request.withdrawalPlan();
        return cases.explant(caseId, request.reason(), plan == null ? null
                        : new ImplantCaseService.WithdrawalPlanRecord(plan.kind(), plan.startedOn(), plan.detail()))
                .map(ImplantCaseView::of);
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{caseId}/replacement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a replacement pump's case (battery end of life, malfunction)",
            description = "A new case on the same pathway, trial and baseline, without a new screening trial (path "
                    + "REPLACEMENT); it awaits scheduling and goes through the pre-op checklist, booking and completion. "
                    + "Completing it marks the replaced pump EXPLANTED (implant.explanted with replacedByCaseId, before "
                    + "the new implant.completed). Emits implant.case-opened. 201 with the new case; 409 when this case "
                    + "was never implanted or already has a replacement that is not CLOSED.")
    public Uni<RestResponse<ImplantCaseView>> replace(@PathParam("caseId") UUID caseId,
                                                      @NotNull @Valid ImplantCaseRequests.Replacement request,
                                                      @Context UriInfo uri) {
        return cases.openReplacement(caseId, request.reason()).map(opened -> RestResponse.ResponseBuilder
                .<ImplantCaseView>created(uri.getBaseUriBuilder().path(ImplantCaseResource.class)
                        .path(opened.id().toString()).build())
                .entity(ImplantCaseView.of(opened)).build());
    }
}
