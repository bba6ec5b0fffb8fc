package org.itpump.followup.domain;

import org.itpump.chassis.problem.StateConflictException;

/** A monitoring plan is active from the implant until its window ends or the pump is removed. */
public enum MonitoringPlanStatus {
    ACTIVE, COMPLETED, CLOSED;

    public MonitoringPlanStatus transitionTo(MonitoringPlanStatus target) {
        if (this != ACTIVE || target == ACTIVE) {
            throw new StateConflictException("A monitoring plan that is " + this + " cannot become " + target);
        }
        return target;
    }
}
