package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.time.Instant;

/** The period in which post-dose assessments count: from the trial's start to the end of its type's window. */
public record TrialWindow(Instant startsAt, Instant endsAt) {

    public static TrialWindow of(TrialType type, Instant startsAt) {
        return new TrialWindow(startsAt, startsAt.plus(type.window()));
    }

    /** An assessment must be taken within the window, and cannot be taken in the future. */
    public void requireAssessable(Instant assessedAt, Instant now) {
        if (assessedAt.isAfter(now)) {
            throw new RuleViolationException("An assessment cannot be in the future (" + assessedAt + ")");
        }
        if (assessedAt.isBefore(startsAt) || assessedAt.isAfter(endsAt)) {
            throw new RuleViolationException("The assessment at " + assessedAt + " is outside the trial window "
                    + startsAt + " to " + endsAt);
        }
    }
}
