package org.itpump.followup.domain;

import org.itpump.chassis.problem.StateConflictException;

/**
 * A monitoring plan is active from the implant until its window ends or the pump is removed. A pump removed for
 * infection leaves the plan in {@link #WOUND_FOLLOWUP}: the wound and infection follow-up (visits, complications,
 * escalations) goes on until the window ends, when the plan is CLOSED.
 */
public enum MonitoringPlanStatus {
    ACTIVE, WOUND_FOLLOWUP, COMPLETED, CLOSED;

    public MonitoringPlanStatus transitionTo(MonitoringPlanStatus target) {
        boolean allowed = switch (this) {
            case ACTIVE -> target != ACTIVE;
            case WOUND_FOLLOWUP -> target == CLOSED;
            case COMPLETED, CLOSED -> false;
        };
        if (!allowed) {
            throw new StateConflictException("A monitoring plan that is " + this + " cannot become " + target);
        }
        return target;
    }

    /**
     * Where an explant leaves a plan: an explant for infection keeps the wound and infection follow-up
     * ({@link #WOUND_FOLLOWUP}), any other reason closes it. 409 unless the plan is ACTIVE.
     *
     * @param explantReason the implant.explanted reason, e.g. INFECTION or DEVICE_MALFUNCTION
     */
    public MonitoringPlanStatus afterExplant(String explantReason) {
        return transitionTo("INFECTION".equals(explantReason) ? WOUND_FOLLOWUP : CLOSED);
    }

    /** Complications are still reported and escalated: the plan is active or follows a wound after an explant. */
    public boolean acceptsComplications() {
        return this == ACTIVE || this == WOUND_FOLLOWUP;
    }
}
