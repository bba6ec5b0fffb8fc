package org.itpump.dosing.domain;

import org.itpump.chassis.problem.StateConflictException;

/** Pump therapy runs from the implant until the pump is removed. */
public enum PumpTherapyStatus {
    ACTIVE, ENDED;

    public PumpTherapyStatus transitionTo(PumpTherapyStatus target) {
        if (this != ACTIVE || target != ENDED) {
            throw new StateConflictException("Pump therapy that is " + this + " cannot become " + target);
        }
        return target;
    }
}
