package org.itpump.chassis.problem;

import java.util.List;

/** The current state forbids the transition (answered 409): e.g. evaluating a trial already decided. */
public class StateConflictException extends ClinicalRuleException {
    public StateConflictException(String message) {
        super(message, List.of());
    }
}
