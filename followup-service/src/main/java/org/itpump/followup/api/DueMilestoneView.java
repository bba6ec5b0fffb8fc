package org.itpump.followup.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.chassis.timer.DueTimer;
import org.itpump.followup.domain.plan.MilestoneKind;
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A pending milestone of some plan: what falls due in the asked range (clinicians and nurses). */
public record DueMilestoneView(UUID planId, UUID pathwayId, String patientRef, MilestoneKind milestone, String subject,
                               OffsetDateTime dueAt) {

    /**
     * The milestone as ops sees it (least privilege, {@link CallerView#OPERATIONAL}): which plan, which kind, when;
     * no patientRef and no subject (it may name a visit, restriction or oral medication course). patientRef stays
     * in the record for the audit trail, which names the patients whose milestones were read.
     */
    @Schema(name = "DueMilestoneOperationalView", description = "A due milestone as ops sees it (role ops)")
    public record Operational(UUID planId, UUID pathwayId, MilestoneKind milestone, OffsetDateTime dueAt,
                              @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    static DueMilestoneView of(DueTimer timer, PostImplantMonitoring plan) {
        String[] key = timer.key.split(":", 2);
        return new DueMilestoneView(plan.id(), plan.pathwayId(), plan.patientRef(), MilestoneKind.valueOf(key[0]), key[1], timer.dueAt);
    }

    /** The view of the milestone for {@code view}: ops (and any narrower caller) get {@link Operational}. */
    static Object of(DueTimer timer, PostImplantMonitoring plan, CallerView view) {
        DueMilestoneView full = of(timer, plan);
        return FollowupViews.operational(view)
                ? new Operational(full.planId(), full.pathwayId(), full.milestone(), full.dueAt(), full.patientRef())
                : full;
    }
}
