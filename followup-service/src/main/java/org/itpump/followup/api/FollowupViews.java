package org.itpump.followup.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.service.ComplicationService.EscalationWithPlan;
import org.itpump.followup.service.PlanRecords;
import org.itpump.followup.domain.escalation.RaisedEscalation;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Monitoring plans and escalations as each role may see them (least privilege, {@link CallerView}): clinicians,
 * nurses and integration engines (plans only; all published in followup.* anyway) get the full records; ops gets
 * the operational ones here: ids, status, timestamps and counts, no baseline NRS, drug, complication details,
 * outcome values or free text. patientRef is not sent to ops; it stays in the record for the audit trail.
 */
public final class FollowupViews {

    private FollowupViews() {
    }

    /** @param complicationCount, outcomeCount, openEscalationCount null in a list, which loads none of them */
    @Schema(name = "MonitoringPlanOperationalView", description = "A monitoring plan as ops sees it (role ops)")
    public record OperationalPlan(UUID planId, UUID pathwayId, UUID implantCaseId, MonitoringPlanStatus status,
                                  OffsetDateTime startedAt, OffsetDateTime implantCompletedAt,
                                  OffsetDateTime dischargedAt, OffsetDateTime endedAt, Integer complicationCount,
                                  Integer outcomeCount, Integer openEscalationCount,
                                  @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    /** Whether an escalation is being handled (urgency, alerts, acknowledgement), not what is suspected or done. */
    @Schema(name = "EscalationOperationalView", description = "An escalation as ops sees it (role ops)")
    public record OperationalEscalation(UUID escalationId, UUID planId, UUID pathwayId, Urgency urgency,
                                        OffsetDateTime raisedAt, boolean open, OffsetDateTime acknowledgedAt,
                                        int alertCount, OffsetDateTime lastAlertedAt, int reAlertEveryMinutes,
                                        @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    static boolean operational(CallerView view) {
        return view == CallerView.OPERATIONAL || view == CallerView.SCHEDULING;
    }

    static Object plan(PostImplantMonitoring p, CallerView view) {
        return operational(view) ? operationalPlan(p, null) : MonitoringPlanView.of(p);
    }

    static Object detail(PlanRecords r, Instant now, CallerView view) {
        return operational(view) ? operationalPlan(r.plan(), r) : MonitoringPlanDetail.of(r, now);
    }

    static Object escalation(EscalationWithPlan row, CallerView view) {
        if (!operational(view)) {
            return EscalationView.of(row);
        }
        RaisedEscalation e = row.escalation();
        return new OperationalEscalation(e.id(), e.planId(), row.plan().pathwayId(), e.urgency(), e.raisedAt(),
                e.isOpen(), e.acknowledgedAt(), e.alertCount(), e.lastAlertedAt(), e.reAlertEveryMinutes(),
                row.plan().patientRef());
    }

    private static OperationalPlan operationalPlan(PostImplantMonitoring p, PlanRecords r) {
        return new OperationalPlan(p.id(), p.pathwayId(), p.implantCaseId(), p.status(), p.startedAt(),
                p.implantCompletedAt(), p.dischargedAt(), p.endedAt(), r == null ? null : r.complications().size(),
                r == null ? null : r.outcomes().size(),
                r == null ? null : (int) r.escalations().stream().filter(RaisedEscalation::isOpen).count(),
                p.patientRef());
    }
}
