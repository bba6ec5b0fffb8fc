package org.itpump.trial.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.security.Roles;
import org.itpump.trial.service.TrialService;

import java.util.UUID;

@Path("/candidates")
@Tag(name = "Candidates")
@Produces(MediaType.APPLICATION_JSON)
public class CandidateResource {

    private final TrialService trials;

    CandidateResource(TrialService trials) {
        this.trials = trials;
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a candidate for intrathecal therapy", description = "The eligibility checklist starts empty.")
    public Uni<Response> register(@NotNull @Valid TrialRequests.RegisterCandidate request, @Context UriInfo uri) {
        return trials.registerCandidate(request.patientRef(), request.indication())
                .map(candidate -> Response.created(uri.getAbsolutePathBuilder().path(candidate.id().toString()).build())
                        .entity(CandidateView.of(candidate)).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @PUT
    @Path("/{candidateId}/eligibility")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Document the eligibility checklist",
            description = "Failed conservative therapy documented, psychological evaluation cleared, no active infection, "
                    + "anticoagulation plan, informed consent. The body lists every item documented so far.")
    public Uni<CandidateView> documentEligibility(@PathParam("candidateId") UUID candidateId,
                                                  @NotNull @Valid TrialRequests.DocumentEligibility request) {
        return trials.documentEligibility(candidateId, request.documented()).map(CandidateView::of);
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.INTEGRATION})
    @GET
    @Path("/{candidateId}")
    @Operation(summary = "One candidate with what is missing from the checklist",
            description = "Not for ops (403): a candidate's eligibility is clinical and has no operational state.")
    public Uni<CandidateView> get(@PathParam("candidateId") UUID candidateId) {
        return trials.findCandidate(candidateId).map(CandidateView::of);
    }
}
