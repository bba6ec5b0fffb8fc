package org.itpump.trial.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
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
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.service.TrialService;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Path("/trials")
@Tag(name = "Trials")
@Produces(MediaType.APPLICATION_JSON)
public class TrialResource {

    static final String VIEWS = "By the caller's widest role: clinician, nurse: TrialView (all); integration: TrialView "
            + "without cancellation.note (never published); ops: TrialOperationalView (ids, status, timestamps, counts)";

    /** The longest start-date range that scopes the trial list without a break-glass reason. */
    static final Duration LONGEST_RANGE = Duration.ofDays(31);

    private final TrialService trials;
    private final SecurityIdentity identity;
    private final BreakGlass breakGlass;

    TrialResource(TrialService trials, SecurityIdentity identity, BreakGlass breakGlass) {
        this.trials = trials;
        this.identity = identity;
        this.breakGlass = breakGlass;
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a screening trial for an eligible candidate",
            description = "Records drug, dose and baseline pain and mints the pathway id; emits trial.started. "
                    + "422 listing what is missing when the candidate's eligibility checklist is incomplete.")
    public Uni<Response> start(@NotNull @Valid TrialRequests.StartTrial request, @Context UriInfo uri) {
        return trials.start(new TrialService.TrialOrder(request.candidateId(), request.trialType(), request.drug(),
                        request.dose(), request.doseUnit(), request.baselineNrs()))
                .map(trial -> Response.created(uri.getAbsolutePathBuilder().path(trial.id().toString()).build())
                        .entity(TrialView.of(trial, List.of())).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{trialId}/assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a post-dose pain assessment",
            description = "Only while the trial is in progress (409 after the decision) and within the trial window "
                    + "of its type (422 outside it); emits trial.assessment-recorded.")
    public Uni<Response> recordAssessment(@PathParam("trialId") UUID trialId,
                                          @NotNull @Valid TrialRequests.RecordAssessment request) {
        return trials.recordAssessment(trialId, new TrialService.Assessment(request.nrs(), request.minutesSinceDose(),
                        request.oralMmePerDay(), request.functionScore(), request.assessedAt()))
                .map(assessment -> Response.status(Response.Status.CREATED)
                        .entity(TrialView.Assessment.of(assessment)).build());
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{trialId}/decision")
    @Operation(summary = "Decide the trial",
            description = "Relief % = (baseline NRS - mean of the post-dose NRS scores) / baseline NRS x 100. "
                    + "Relief at or above the configured threshold (default 50 %) passes and emits trial.passed; "
                    + "below it fails and emits trial.failed. The comparison is exact; reported relief is rounded down "
                    + "to 2 decimals (never reads as a pass it is not). 422 without assessments, 409 when already decided "
                    + "or while the trial is on hold for a hard-limit dose finding (trial-dose-hard-limit: record a "
                    + "dose override first).")
    public Uni<TrialView> decide(@PathParam("trialId") UUID trialId) {
        return trials.decide(trialId).map(decided -> TrialView.of(decided.trial(), decided.assessments()));
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{trialId}/dose-override")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record why a trial held on a hard-limit dose finding may go on",
            description = "dosing-service checks the trial dose against its drug library (dosing.trial-dose-checked); a "
                    + "HARD finding holds the trial (rule trial-dose-hard-limit): no decision until a clinician records a "
                    + "reason here. The clinician is the caller's token (upn, else sub); a body naming overriddenBy is "
                    + "400. Emits trial.dose-override-recorded. 409 when the trial is not on hold.")
    public Uni<TrialView> recordDoseOverride(@PathParam("trialId") UUID trialId,
                                             @NotNull @Valid TrialRequests.RecordDoseOverride request) {
        if (request.overriddenBy() != null) {
            throw new BadRequestException("overriddenBy is not accepted: the clinician is taken from the bearer token");
        }
        return trials.recordDoseOverride(trialId, request.reason(), identity.getPrincipal().getName())
                .map(held -> TrialView.of(held.trial(), held.assessments()));
    }

    @RolesAllowed({Roles.CLINICIAN})
    @POST
    @Path("/{trialId}/cancellation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a trial (complication, patient withdrew)",
            description = "While in progress, or after it passed and before the implant (the implant case closes); "
                    + "emits trial.cancelled. 409 for a failed or already cancelled trial.")
    public Uni<TrialView> cancel(@PathParam("trialId") UUID trialId, @NotNull @Valid TrialRequests.CancelTrial request) {
        return trials.cancel(trialId, request.reason(), request.note()).map(trial -> TrialView.of(trial, null));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{trialId}")
    @Operation(summary = "One trial with its assessments and decision")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {TrialView.class, TrialViews.Operational.class})))
    public Uni<Object> get(@PathParam("trialId") UUID trialId) {
        return trials.find(trialId).map(found -> TrialViews.of(found.trial(), found.assessments(), CallerView.of(identity)));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "Trials, newest first, by status and start date, one page at a time",
            description = "from (inclusive) and to (exclusive) are RFC 3339 instants on the trial's start. A filter is "
                    + "required: status=IN_PROGRESS (the running trials, a worklist), or from and to at most 31 days "
                    + "apart; without one 400 (filter-required) unless the caller sends " + BreakGlass.HEADER
                    + " (a recorded break-glass read). limit (1-200, default 50) rows per page; the next page's URI is "
                    + "in the Link header, rel=\"next\".")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, oneOf = {TrialView.class, TrialViews.Operational.class})))
    public Uni<RestResponse<List<Object>>> search(@QueryParam("status") TrialStatus status,
                                                     @QueryParam("from") OffsetDateTime from,
                                                     @QueryParam("to") OffsetDateTime to,
                                                     @BeanParam PageRequest page, @BeanParam BreakGlassReason reason,
                                                     @Context UriInfo uri) {
        page.validated();
        ListFilter filter = ListFilter.create().worklist("status", status, TrialStatus.IN_PROGRESS)
                .range("from", from, "to", to, LONGEST_RANGE);
        return breakGlass.page(filter, reason, () -> trials.search(status, from, to, page))
                .map(found -> found.map(trial -> TrialViews.of(trial, null, CallerView.of(identity))).answer(uri));
    }
}
