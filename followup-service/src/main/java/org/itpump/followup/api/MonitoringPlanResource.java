package org.itpump.followup.api;

import io.quarkus.security.ForbiddenException;
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
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.service.ComplicationService;
import org.itpump.followup.service.MonitoringPlanService;
import org.itpump.followup.service.OutcomeService;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

@Path("/monitoring-plans")
@Tag(name = "Monitoring plans")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringPlanResource {

    static final String VIEWS = "By the caller's widest role: clinician, nurse, integration: the full plan; ops: "
            + "MonitoringPlanOperationalView (ids, status, timestamps, counts; no NRS, drug, complication details or "
            + "outcome values)";

    private final MonitoringPlanService plans;
    private final ComplicationService complications;
    private final OutcomeService outcomes;
    private final Clock clock;
    private final SecurityIdentity identity;
    private final BreakGlass breakGlass;

    /** The widest due-milestone window read without a break-glass reason (a bounded worklist). */
    static final Duration LONGEST_DUE_WINDOW = Duration.ofDays(31);
    static final Duration DEFAULT_DUE_WINDOW = Duration.ofDays(7);

    MonitoringPlanResource(MonitoringPlanService plans, ComplicationService complications, OutcomeService outcomes,
                           Clock clock, SecurityIdentity identity, BreakGlass breakGlass) {
        this.identity = identity;
        this.breakGlass = breakGlass;
        this.plans = plans;
        this.complications = complications;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "Monitoring plans, oldest first, by status and/or pathway, one page at a time",
            description = "A filter is required: pathwayId (one patient), or status=ACTIVE or WOUND_FOLLOWUP (the plans "
                    + "being followed up, a worklist bounded by the monitoring window); without one 400 "
                    + "(filter-required) unless the caller sends " + BreakGlass.HEADER + " (a recorded break-glass "
                    + "read). limit (1-200, default 50) rows per page; the next page's URI is in the Link header, "
                    + "rel=\"next\".")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, oneOf = {MonitoringPlanView.class, FollowupViews.OperationalPlan.class})))
    public Uni<RestResponse<List<Object>>> search(@QueryParam("status") MonitoringPlanStatus status,
                                                              @QueryParam("pathwayId") UUID pathwayId,
                                                              @BeanParam PageRequest page,
                                                              @BeanParam BreakGlassReason reason, @Context UriInfo uri) {
        page.validated();
        ListFilter filter = ListFilter.create().patient("pathwayId", pathwayId)
                .worklist("status", status, MonitoringPlanStatus.ACTIVE, MonitoringPlanStatus.WOUND_FOLLOWUP);
        return breakGlass.page(filter, reason, () -> plans.search(status, pathwayId, page)).map(found -> found.map(p -> FollowupViews.plan(p, CallerView.of(identity))).answer(uri));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
    @GET
    @Path("/due")
    @Operation(summary = "What falls due in [from, to): pending visits, restriction ends, window ends of every plan",
            description = "Default: the next 7 days. Soonest first. 422 when to is not after from. A worklist bounded "
                    + "by design: a window of at most 31 days needs no other filter; a wider one is 400 "
                    + "(filter-required) unless the caller sends " + BreakGlass.HEADER + " (a recorded break-glass "
                    + "read). limit (1-200, default 50) rows per page; the next page's URI is in the Link header, "
                    + "rel=\"next\".")
    @APIResponse(responseCode = "200", description = "By the caller's widest role: clinician, nurse: DueMilestoneView "
            + "(with patientRef and subject); ops: DueMilestoneOperationalView (plan, pathway, milestone kind, due time)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    oneOf = {DueMilestoneView.class, DueMilestoneView.Operational.class})))
    public Uni<RestResponse<List<Object>>> due(@QueryParam("from") OffsetDateTime from,
                                               @QueryParam("to") OffsetDateTime to,
                                               @BeanParam PageRequest page, @BeanParam BreakGlassReason reason,
                                               @Context UriInfo uri) {
        page.validated();
        // the service's defaults: from now, to 7 days after from
        OffsetDateTime start = from != null ? from : OffsetDateTime.now(clock);
        OffsetDateTime end = to != null ? to : start.plus(DEFAULT_DUE_WINDOW);
        ListFilter filter = ListFilter.create().condition("from and to at most 31 days apart (default: the next 7 days)",
                Duration.between(start, end).compareTo(LONGEST_DUE_WINDOW) <= 0);
        CallerView view = CallerView.of(identity);
        return breakGlass.read(filter, reason, () -> plans.due(from, to, page), due -> due.timers().items().size())
                .map(due -> {
                    Map<UUID, PostImplantMonitoring> byId = due.plans().stream()
                            .collect(Collectors.toMap(PostImplantMonitoring::id, Function.identity()));
                    return due.timers().<Object>map(t -> DueMilestoneView.of(t, byId.get(t.subjectId), view)).answer(uri);
                });
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/{planId}")
    @Operation(summary = "One monitoring plan with its restrictions, visits, discharge, timers, complications and outcomes")
    @APIResponse(responseCode = "200", description = VIEWS, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = {MonitoringPlanDetail.class, FollowupViews.OperationalPlan.class})))
    public Uni<Object> get(@PathParam("planId") UUID planId) {
        return plans.details(planId).map(records -> FollowupViews.detail(records, clock.instant(), CallerView.of(identity)));
    }

    @RolesAllowed({Roles.CLINICIAN})
    @PUT
    @Path("/{planId}/choices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adjust the clinician's choices; dates and pending timers are re-derived",
            description = "422 outside the allowed ranges (e.g. driving 2-4 weeks); 409 unless the plan is ACTIVE.")
    public Uni<MonitoringPlanDetail> changeChoices(@PathParam("planId") UUID planId,
                                                   @NotNull @Valid FollowupRequests.ChangeChoices request) {
        return plans.changeChoices(planId, request.toDomain())
                .chain(() -> plans.details(planId)).map(records -> MonitoringPlanDetail.of(records, clock.instant()));
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{planId}/discharge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the discharge after observation; emits followup.patient-discharged",
            description = "409 when already discharged or the plan is not ACTIVE; 422 before observation ends, before 24 h"
                    + " after an intrathecal opioid start (rule intrathecal-opioid-first-dose-observation) unless a clinician"
                    + " gives observationOverrideReason, on a day the stay does not allow, or in the future. 403 when"
                    + " someone without the clinician role sends an override reason.")
    public Uni<MonitoringPlanView> discharge(@PathParam("planId") UUID planId,
                                             @NotNull @Valid FollowupRequests.Discharge request) {
        String reason = request.observationOverrideReason();
        if (reason != null && !reason.isBlank() && !identity.hasRole(Roles.CLINICIAN)) {
            throw new ForbiddenException("Only a clinician may override the observation rule");
        }
        return plans.discharge(planId, request.dischargedAt().toInstant(), reason, identity.getPrincipal().getName())
                .map(MonitoringPlanView::of);
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{planId}/complications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a complication; emits followup.complication-reported and one "
            + "followup.complication-escalated per escalation the rules produce",
            description = "Accepted on an ACTIVE plan and on one kept for wound follow-up after an explant for infection;"
                    + " 409 on a CLOSED or COMPLETED plan; 422 for an onset before the procedure ended or in the future.")
    public Uni<Response> reportComplication(@PathParam("planId") UUID planId,
                                            @NotNull @Valid FollowupRequests.ReportComplication request) {
        return complications.report(planId, request.kind(), request.severity(), request.onsetAt().toInstant(), request.features())
                .map(r -> Response.status(Response.Status.CREATED)
                        .entity(MonitoringPlanDetail.ComplicationLine.of(r.complication(), r.escalations())).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @POST
    @Path("/{planId}/outcomes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an outcome assessment, compared with the pre-trial baseline; emits followup.outcome-recorded",
            description = "409 on a CLOSED plan; 422 for an assessment before the implant or in the future.")
    public Uni<Response> recordOutcome(@PathParam("planId") UUID planId,
                                       @NotNull @Valid FollowupRequests.RecordOutcome request) {
        return outcomes.record(planId, request.assessedAt() == null ? null : request.assessedAt().toInstant(),
                        request.painNrs(), request.rigidityScore(), request.spasmScore(), request.oralMmePerDay())
                .map(r -> Response.status(Response.Status.CREATED)
                        .entity(MonitoringPlanDetail.OutcomeLine.of(r.outcome())).build());
    }
}
