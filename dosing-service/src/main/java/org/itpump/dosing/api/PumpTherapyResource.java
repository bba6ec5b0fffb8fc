package org.itpump.dosing.api;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

    private final PumpTherapyService therapies;

    PumpTherapyResource(PumpTherapyService therapies) {
        this.therapies = therapies;
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "Pump therapies, oldest first, by status and/or pathway, one page at a time",
            description = "limit (1-200, default 50) rows per page; the next page's URI is in the Link header, rel=\"next\".")
    public Uni<RestResponse<List<PumpTherapyView>>> search(@QueryParam("status") PumpTherapyStatus status,
                                                           @QueryParam("pathwayId") UUID pathwayId,
                                                           @BeanParam PageRequest page, @Context UriInfo uri) {
        page.validated();
        return therapies.search(status, pathwayId, page).map(found -> found.map(PumpTherapyView::of).answer(uri));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}")
    @Operation(summary = "One pump therapy")
    public Uni<PumpTherapyView> get(@PathParam("therapyId") UUID therapyId) {
        return therapies.find(therapyId).map(PumpTherapyView::of);
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{therapyId}/programs")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Program the pump (or change the dose)",
            description = "Checked against the drug library in force (its version is recorded): above a hard limit "
                    + "(maximum concentration or daily dose) is refused with 422; above the soft limit (usual starting "
                    + "maximum) needs overrideReason, recorded and emitted as dosing.limit-override. Increases obey the "
                    + "drug's step rules (ziconotide, baclofen). Emits dosing.pump-programmed, then dosing.dose-changed.")
    public Uni<Response> program(@PathParam("therapyId") UUID therapyId,
                                 @NotNull @Valid DosingRequests.ProgramPump request) {
        return therapies.program(therapyId, new PumpTherapyService.ProgramOrder(request.drug(),
                        request.concentrationPerMl(), request.dailyDose(), request.mode(), request.bolusDose(),
                        request.bolusLockoutMinutes(), request.maxBolusesPerDay(), request.overrideReason()))
                .map(program -> Response.status(Response.Status.CREATED).entity(PumpTherapyView.Program.of(program)).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}/programs")
    @Operation(summary = "Every program of the therapy, oldest first (the dose history)")
    public Uni<List<PumpTherapyView.Program>> programs(@PathParam("therapyId") UUID therapyId) {
        return therapies.programs(therapyId).map(list -> list.stream().map(PumpTherapyView.Program::of).toList());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{therapyId}/refills")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a refill",
            description = "Daily volume = (daily dose + max boluses per day x bolus dose) / concentration; days to the "
                    + "low-reservoir alarm = (fill volume - 2 mL) / daily volume, rounded down; the refill is due at "
                    + "the earliest of that and the drug's stability limit. A residual more than 2 mL below the "
                    + "expected one is flagged as a possible pocket fill. dosing.refill-due is emitted ahead of the "
                    + "date and dosing.refill-overdue when it passes (urgent for baclofen).")
    public Uni<Response> refill(@PathParam("therapyId") UUID therapyId,
                                @NotNull @Valid DosingRequests.RecordRefill request) {
        return therapies.refill(therapyId, new PumpTherapyService.RefillOrder(request.filledOn(), request.volumeAddedMl(),
                        request.concentrationPerMl(), request.lot(), request.measuredResidualMl(), request.firstFill(),
                        request.diluted()))
                .map(refill -> Response.status(Response.Status.CREATED).entity(PumpTherapyView.Refill.of(refill)).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.PHARMACIST, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{therapyId}/refills")
    @Operation(summary = "Every refill of the therapy, oldest first")
    public Uni<List<PumpTherapyView.Refill>> refills(@PathParam("therapyId") UUID therapyId) {
        return therapies.refills(therapyId).map(list -> list.stream().map(PumpTherapyView.Refill::of).toList());
    }
}
