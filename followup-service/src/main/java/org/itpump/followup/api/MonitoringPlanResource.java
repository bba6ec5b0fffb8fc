package org.itpump.followup.api;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.service.MonitoringPlanService;

import java.util.List;
import java.util.UUID;

@Path("/monitoring-plans")
@Tag(name = "Monitoring plans")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringPlanResource {

    private final MonitoringPlanService plans;

    MonitoringPlanResource(MonitoringPlanService plans) {
        this.plans = plans;
    }

    @GET
    @Operation(summary = "Monitoring plans, oldest first, by status and/or pathway")
    public Uni<List<MonitoringPlanView>> search(@QueryParam("status") MonitoringPlanStatus status,
                                                @QueryParam("pathwayId") UUID pathwayId) {
        return plans.search(status, pathwayId).map(list -> list.stream().map(MonitoringPlanView::of).toList());
    }

    @GET
    @Path("/{planId}")
    @Operation(summary = "One monitoring plan")
    public Uni<MonitoringPlanView> get(@PathParam("planId") UUID planId) {
        return plans.find(planId).map(MonitoringPlanView::of);
    }
}
