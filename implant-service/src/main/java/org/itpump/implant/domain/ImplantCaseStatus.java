package org.itpump.implant.domain;

import org.itpump.chassis.problem.StateConflictException;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Where an implant case stands, from the passed trial to the implanted (or removed) pump. */
public enum ImplantCaseStatus {
    AWAITING_SCHEDULING, SCHEDULED, COMPLETED, EXPLANTED, CLOSED;

    private static final Map<ImplantCaseStatus, Set<ImplantCaseStatus>> NEXT = Map.of(
            AWAITING_SCHEDULING, EnumSet.of(SCHEDULED, CLOSED),
            // SCHEDULED -> SCHEDULED: a reschedule; -> AWAITING_SCHEDULING: the booking was cancelled
            SCHEDULED, EnumSet.of(SCHEDULED, AWAITING_SCHEDULING, COMPLETED, CLOSED),
            COMPLETED, EnumSet.of(EXPLANTED),                      // the pump can be removed at any time
            EXPLANTED, EnumSet.noneOf(ImplantCaseStatus.class),
            CLOSED, EnumSet.noneOf(ImplantCaseStatus.class));

    public ImplantCaseStatus transitionTo(ImplantCaseStatus target) {
        if (!NEXT.get(this).contains(target)) {
            throw new StateConflictException("An implant case that is " + this + " cannot become " + target);
        }
        return target;
    }
}
