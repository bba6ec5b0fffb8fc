package org.itpump.followup.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.BadRequestException;
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
import org.itpump.followup.service.ComplicationService;

import java.util.List;
import java.util.UUID;

@Path("/escalations")
@Tag(name = "Escalations")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    static final String VIEWS = "By the caller's widest role: clinician, nurse: EscalationView (all); ops: "
            + "EscalationOperationalView (urgency, alerts, acknowledgement; no suspicion, action or cause)";

    private final ComplicationService complications;
    private final SecurityIdentity identity;

    private final BreakGlass breakGlass;

    EscalationResource(ComplicationService complications, SecurityIdentity identity, BreakGlass breakGlass) {
        this.complications = complications;
        this.identity = identity;
        this.breakGlass = breakGlass;
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Operation(summary = "Escalations, most urgent first, then oldest first",
            description = "open=true: those nobody has acknowledged yet (the worklist); open=false: acknowledged ones; "
                    + "absent: all. open=true is required; acknowledged or all escalations need " + BreakGlass.HEADER
                    + " (a recorded break-glass read), else 400 (filter-required). limit (1-200, default 50) rows per "
                    + "page; the next page's URI is in the Link header, rel=\"next\".")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, oneOf = {EscalationView.class, FollowupViews.OperationalEscalation.class})))
    public Uni<RestResponse<List<Object>>> search(@QueryParam("open") Boolean open,
                                                          @BeanParam PageRequest page,
                                                          @BeanParam BreakGlassReason reason, @Context UriInfo uri) {
        page.validated();
        ListFilter filter = ListFilter.create().worklist("open", open, Boolean.TRUE);
        return breakGlass.page(filter, reason, () -> complications.escalations(open, page)).map(found -> found.map(row -> FollowupViews.escalation(row, CallerView.of(identity))).answer(uri));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("/{escalationId}")
    @Operation(summary = "One escalation")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {EscalationView.class, FollowupViews.OperationalEscalation.class})))
    public Uni<Object> get(@PathParam("escalationId") UUID escalationId) {
        return complications.escalation(escalationId).map(row -> FollowupViews.escalation(row, CallerView.of(identity)));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{escalationId}/acknowledgement")
    @Operation(summary = "The caller takes the escalation on; it leaves the open list and stops re-alerting",
            description = "The acknowledging clinician is the caller's token (upn, else sub); send no body (or {}). A body"
                    + " naming acknowledgedBy is refused with 400. Emits followup.escalation-acknowledged. 409 when"
                    + " already acknowledged.")
    public Uni<EscalationView> acknowledge(@PathParam("escalationId") UUID escalationId) {
        return complications.acknowledge(escalationId, identity.getPrincipal().getName())
                .chain(() -> complications.escalation(escalationId)).map(EscalationView::of);
    }

    /** The same with a JSON body, which may not name who acknowledges. */
    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{escalationId}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<EscalationView> acknowledgeWithBody(@PathParam("escalationId") UUID escalationId,
                                                   FollowupRequests.Acknowledge request) {
        if (request != null && request.acknowledgedBy() != null) {
            throw new BadRequestException("acknowledgedBy is not accepted: the acknowledging clinician is taken from the"
                    + " bearer token");
        }
        return acknowledge(escalationId);
    }
}
