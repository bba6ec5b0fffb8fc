package org.itpump.followup.domain.escalation;

/** What a matching rule asks of the care team for one complication report. */
public record Escalation(String ruleId, Urgency urgency, String suspicion, String action) {
}
