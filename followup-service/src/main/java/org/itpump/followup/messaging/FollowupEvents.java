package org.itpump.followup.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.followup.store.MonitoringPlanEntity;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The facts followup-service publishes (contracts/schemas/followup.*.json). */
public final class FollowupEvents {

    public record MonitoringStarted(UUID pathwayId, String patientRef, UUID planId, UUID implantCaseId,
                                    OffsetDateTime startedAt) {
    }

    private FollowupEvents() {
    }

    public static OutgoingEvent monitoringStarted(MonitoringPlanEntity p) {
        return new OutgoingEvent("followup.monitoring-started", p.pathwayId,
                new MonitoringStarted(p.pathwayId, p.patientRef, p.id, p.implantCaseId, p.startedAt));
    }
}
