package org.itpump.followup.api;

import org.itpump.followup.domain.MonitoringPlanStatus;
import org.itpump.followup.store.MonitoringPlanEntity;

import java.time.OffsetDateTime;
import java.util.UUID;

public record MonitoringPlanView(UUID planId, UUID pathwayId, String patientRef, UUID implantCaseId, int baselineNrs,
                                 MonitoringPlanStatus status, OffsetDateTime startedAt) {

    static MonitoringPlanView of(MonitoringPlanEntity p) {
        return new MonitoringPlanView(p.id, p.pathwayId, p.patientRef, p.implantCaseId, p.baselineNrs, p.status,
                p.startedAt);
    }
}
