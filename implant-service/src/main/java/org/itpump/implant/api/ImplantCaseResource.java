package org.itpump.implant.api;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.service.ImplantCaseService;

import java.util.List;
import java.util.UUID;

@Path("/implant-cases")
@Tag(name = "Implant cases")
@Produces(MediaType.APPLICATION_JSON)
public class ImplantCaseResource {

    private final ImplantCaseService cases;

    ImplantCaseResource(ImplantCaseService cases) {
        this.cases = cases;
    }

    @GET
    @Operation(summary = "Implant cases, oldest first, by status and/or pathway",
            description = "status=AWAITING_SCHEDULING lists the cases waiting for a theatre booking.")
    public Uni<List<ImplantCaseView>> search(@QueryParam("status") ImplantCaseStatus status,
                                             @QueryParam("pathwayId") UUID pathwayId) {
        return cases.search(status, pathwayId).map(list -> list.stream().map(ImplantCaseView::of).toList());
    }

    @GET
    @Path("/{caseId}")
    @Operation(summary = "One implant case")
    public Uni<ImplantCaseView> get(@PathParam("caseId") UUID caseId) {
        return cases.find(caseId).map(ImplantCaseView::of);
    }

    @POST
    @Path("/{caseId}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book the surgery", description = "Emits implant.scheduled. 409 unless the case awaits scheduling.")
    public Uni<ImplantCaseView> schedule(@PathParam("caseId") UUID caseId,
                                         @NotNull @Valid ImplantCaseRequests.ScheduleSurgery request) {
        return cases.schedule(caseId, request.scheduledStart()).map(ImplantCaseView::of);
    }

    @POST
    @Path("/{caseId}/completion")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the completed two-part implant",
            description = "Emits implant.completed, which opens pump therapy and post-op monitoring. 409 unless scheduled.")
    public Uni<ImplantCaseView> complete(@PathParam("caseId") UUID caseId,
                                         @NotNull @Valid ImplantCaseRequests.CompleteImplant request) {
        return cases.complete(caseId, request.reservoirVolumeMl()).map(ImplantCaseView::of);
    }
}
