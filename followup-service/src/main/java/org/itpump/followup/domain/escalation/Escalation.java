package org.itpump.followup.domain.escalation;

import java.time.Duration;
import java.util.Objects;

/**
 * What a matching rule asks of the care team: urgency, suspicion, action, and how often it is re-alerted until a
 * clinician acknowledges it.
 */
public record Escalation(String ruleId, Urgency urgency, String suspicion, String action, Duration reAlertEvery) {

    public Escalation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(reAlertEvery, "reAlertEvery");
        if (reAlertEvery.isNegative() || reAlertEvery.isZero()) {
            throw new IllegalArgumentException("reAlertEvery must be positive, was " + reAlertEvery);
        }
    }

    /** With the urgency's default re-alert interval. */
    public Escalation(String ruleId, Urgency urgency, String suspicion, String action) {
        this(ruleId, urgency, suspicion, action, urgency.defaultReAlertEvery());
    }
}
