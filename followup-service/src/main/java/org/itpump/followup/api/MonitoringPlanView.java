package org.itpump.followup.api;

import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A plan in a list; GET /monitoring-plans/{id} gives its {@link MonitoringPlanDetail}. */
public record MonitoringPlanView(UUID planId, UUID pathwayId, String patientRef, UUID implantCaseId, int baselineNrs,
                                 MonitoringPlanStatus status, OffsetDateTime startedAt, OffsetDateTime implantCompletedAt,
                                 OffsetDateTime procedureEndedAt, String startedDrug, OffsetDateTime dischargedAt,
                                 OffsetDateTime endedAt, String endReason, UUID replacedByCaseId) {

    static MonitoringPlanView of(PostImplantMonitoring p) {
        return new MonitoringPlanView(p.id(), p.pathwayId(), p.patientRef(), p.implantCaseId(), p.baselineNrs(),
                p.status(), p.startedAt(), p.implantCompletedAt(), p.procedureEndedAt(), p.startedDrug(),
                p.dischargedAt(), p.endedAt(), p.endReason(), p.replacedByCaseId());
    }
}
