package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.ComplicationReport;

/** One rule of escalation-rules.json; {@code why} is its clinical reasoning, kept with the data. */
public record EscalationRule(String id, EscalationCondition when, Urgency urgency, String suspicion, String action,
                             String why) {

    public boolean matches(ComplicationReport report) {
        return when.matches(report);
    }

    public Escalation escalate() {
        return new Escalation(id, urgency, suspicion, action);
    }
}
