package org.itpump.dosing.api;

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
import jakarta.ws.rs.PathParam;
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
import org.itpump.chassis.breakglass.BreakGlass;
import org.itpump.chassis.breakglass.BreakGlassReason;
import org.itpump.chassis.breakglass.ListFilter;
import org.itpump.chassis.security.CallerView;
import org.itpump.chassis.security.Roles;
import org.itpump.chassis.store.PageRequest;
import org.jboss.resteasy.reactive.RestResponse;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.service.PumpTherapyService;

import java.util.List;
import java.util.UUID;

@Path("/pump-therapies")
@Tag(name = "Pump therapy")
@Produces(MediaType.APPLICATION_JSON)
public class PumpTherapyResource {

    static final String VIEWS = "By the caller's widest role: clinician, nurse, pharmacist, integration: PumpTherapyView "
            + "(all); ops: PumpTherapyOperationalView (ids, status, timestamps)";

    private final PumpTherapyService therapies;
    private final SecurityIdentity identity;

    private final BreakGlass breakGlass;

    PumpTherapyResource(PumpTherapyService therapies, SecurityIdentity identity, BreakGlass breakGlass) {
        this.therapies = therapies;
        this.identity = identity;
        this.breakGlass = breakGlass;
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "Pump therapies, oldest first, by status and/or pathway, one page at a time",
            description = "pathwayId (one patient) is required: ACTIVE therapies are every patient with a pump, no "
                    + "worklist; without it 400 (filter-required) unless the caller sends " + BreakGlass.HEADER
                    + " (a recorded break-glass read). limit (1-200, default 50) rows per page; the next page's URI is "
                    + "in the Link header, rel=\"next\".")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, oneOf = {PumpTherapyView.class, PumpTherapyViews.Operational.class})))
    public Uni<RestResponse<List<Object>>> search(@QueryParam("status") PumpTherapyStatus status,
                                                           @QueryParam("pathwayId") UUID pathwayId,
                                                           @BeanParam PageRequest page,
                                                           @BeanParam BreakGlassReason reason, @Context UriInfo uri) {
        page.validated();
        ListFilter filter = ListFilter.create().patient("pathwayId", pathwayId);
        return breakGlass.page(filter, reason, () -> therapies.search(status, pathwayId, page)).map(found -> found.map(t -> PumpTherapyViews.of(t, CallerView.of(identity))).answer(uri));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}")
    @Operation(summary = "One pump therapy")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {PumpTherapyView.class, PumpTherapyViews.Operational.class})))
    public Uni<Object> get(@PathParam("therapyId") UUID therapyId) {
        return therapies.find(therapyId).map(t -> PumpTherapyViews.of(t, CallerView.of(identity)));
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{therapyId}/programs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Program the pump (or change the dose)",
            description = "Every figure carries its UCUM unit (concentrationUnit mg/mL or ug/mL, dailyDoseUnit mg/d or "
                    + "ug/d, bolusDoseUnit mg or ug), converted exactly to the drug's unit; another unit is 422. Checked "
                    + "against the drug library in force (its version is recorded): above a hard limit (maximum "
                    + "concentration or daily dose) is refused with 422; outside the usual starting range (above its "
                    + "maximum or below its minimum), or a cut of a withdrawal-critical drug (baclofen) beyond the "
                    + "library's percentage, needs overrideReason, recorded and emitted as dosing.limit-override. "
                    + "Increases obey the drug's step rules (ziconotide, baclofen). Emits dosing.pump-programmed, then "
                    + "dosing.dose-changed; after a refill, dosing.refill-replanned.")
    public Uni<Response> program(@PathParam("therapyId") UUID therapyId,
                                 @NotNull @Valid DosingRequests.ProgramPump request) {
        return therapies.program(therapyId, new PumpTherapyService.ProgramOrder(request.drug(),
                        request.concentrationPerMl(), request.concentrationUnit(), request.dailyDose(),
                        request.dailyDoseUnit(), request.mode(), request.bolusDose(), request.bolusDoseUnit(),
                        request.bolusLockoutMinutes(), request.maxBolusesPerDay(), request.overrideReason(),
                        request.indication()))
                .map(program -> Response.status(Response.Status.CREATED).entity(PumpTherapyView.Program.of(program)).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}/programs")
    @Operation(summary = "Every program of the therapy, oldest first (the dose history)",
            description = "Not for ops (403): doses are clinical values.")
    public Uni<List<PumpTherapyView.Program>> programs(@PathParam("therapyId") UUID therapyId) {
        return therapies.programs(therapyId).map(list -> list.stream().map(PumpTherapyView.Program::of).toList());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{therapyId}/refills")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a refill",
            description = "The reservoir is followed as a timeline: the fill, then every program (daily dose + max "
                    + "boluses per day x bolus dose, over the concentration). The refill is due on the day the volume "
                    + "left now reaches the pump's low-reservoir alarm volume (from implant.completed; 2 mL if it gave none), minus the drug's safety margin (drug library), "
                    + "or at the drug's stability limit if earlier; a program change re-plans it (dosing.refill-"
                    + "replanned). A residual short of the timeline's expected volume by more than 1 mL per 20 mL of "
                    + "reservoir is flagged as a possible pocket fill. filledOn in the future or before the previous "
                    + "fill is 422; firstFill left out means the therapy's first refill. dosing.refill-due is emitted "
                    + "ahead of the date and dosing.refill-overdue once it passes, every 12 h until a refill or an "
                    + "acknowledgement (URGENT for baclofen, and before the pump can run dry).")
    public Uni<Response> refill(@PathParam("therapyId") UUID therapyId,
                                @NotNull @Valid DosingRequests.RecordRefill request) {
        return therapies.refill(therapyId, new PumpTherapyService.RefillOrder(request.filledOn(), request.volumeAddedMl(),
                        request.concentrationPerMl(), request.concentrationUnit(), request.lot(), request.measuredResidualMl(), request.firstFill(),
                        request.diluted()))
                .map(refill -> Response.status(Response.Status.CREATED).entity(PumpTherapyView.Refill.of(refill)).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}/refill-plans")
    @Operation(summary = "Every refill plan, oldest first: the plan made at each refill and each re-plan (the last is in force)",
            description = "Not for ops (403): volumes and drugs are clinical values.")
    public Uni<List<PumpTherapyView.RefillPlan>> refillPlans(@PathParam("therapyId") UUID therapyId) {
        return therapies.plans(therapyId).map(list -> list.stream().map(PumpTherapyView.RefillPlan::of).toList());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{therapyId}/refill-overdue-acknowledgements")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Acknowledge an overdue refill: its repeating alerts stop until the next plan",
            description = "409 when no overdue alert of the plan in force has gone out yet. Emits "
                    + "dosing.refill-overdue-acknowledged with the reason.")
    public Uni<PumpTherapyView.RefillPlan> acknowledgeOverdue(@PathParam("therapyId") UUID therapyId,
                                                               @NotNull @Valid DosingRequests.AcknowledgeOverdue request) {
        return therapies.acknowledgeOverdue(therapyId, request.reason()).map(PumpTherapyView.RefillPlan::of);
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}/refills")
    @Operation(summary = "Every refill of the therapy, oldest first",
            description = "Not for ops (403): volumes and concentrations are clinical values.")
    public Uni<List<PumpTherapyView.Refill>> refills(@PathParam("therapyId") UUID therapyId) {
        return therapies.refills(therapyId).map(list -> list.stream().map(PumpTherapyView.Refill::of).toList());
    }
}
