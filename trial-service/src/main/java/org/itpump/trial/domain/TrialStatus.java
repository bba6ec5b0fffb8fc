package org.itpump.trial.domain;

import org.itpump.chassis.problem.StateConflictException;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a screening trial stands. Only an open trial takes assessments, and it is decided once. A passed
 * trial can still be cancelled (the patient withdraws before the implant): the implant case then closes.
 */
public enum TrialStatus {
    IN_PROGRESS, PASSED, FAILED, CANCELLED;

    private Set<TrialStatus> next() {
        return switch (this) {
            case IN_PROGRESS -> EnumSet.of(PASSED, FAILED, CANCELLED);
            case PASSED -> EnumSet.of(CANCELLED);
            case FAILED, CANCELLED -> EnumSet.noneOf(TrialStatus.class);
        };
    }

    /** The status after the transition, or a conflict naming both ends. */
    public TrialStatus transitionTo(TrialStatus target) {
        if (!next().contains(target)) {
            throw new StateConflictException("A trial that is " + this + " cannot become " + target);
        }
        return target;
    }

    public void requireInProgress(String action) {
        if (this != IN_PROGRESS) {
            throw new StateConflictException("Cannot " + action + ": the trial is " + this);
        }
    }
}
