package org.itpump.followup.api;

import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.plan.MilestoneKind;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A pending milestone of some plan: what falls due in the asked range. */
public record DueMilestoneView(UUID planId, UUID pathwayId, String patientRef, MilestoneKind milestone, String subject,
                               OffsetDateTime dueAt) {

    static DueMilestoneView of(DueTimer timer, PostImplantMonitoring plan) {
        String[] key = timer.key.split(":", 2);
        return new DueMilestoneView(plan.id(), plan.pathwayId(), plan.patientRef(), MilestoneKind.valueOf(key[0]), key[1], timer.dueAt);
    }
}
