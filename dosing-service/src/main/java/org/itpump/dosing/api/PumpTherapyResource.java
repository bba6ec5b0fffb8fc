package org.itpump.dosing.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
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

    @GET
    @Operation(summary = "Pump therapies, oldest first, by status and/or pathway")
    public Uni<List<PumpTherapyView>> search(@QueryParam("status") PumpTherapyStatus status,
                                             @QueryParam("pathwayId") UUID pathwayId) {
        return therapies.search(status, pathwayId).map(list -> list.stream().map(PumpTherapyView::of).toList());
    }

    @GET
    @Path("/{therapyId}")
    @Operation(summary = "One pump therapy")
    public Uni<PumpTherapyView> get(@PathParam("therapyId") UUID therapyId) {
        return therapies.find(therapyId).map(PumpTherapyView::of);
    }
}
