package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;

import java.time.Duration;
import java.util.Map;

/**
 * One rule of escalation-rules.json. {@code why} is its clinical reasoning and {@code source} the literature or
 * labeling it rests on, both kept with the data. {@code urgencyBySeverity} changes the urgency for reports of
 * that exact severity; {@code mri} appends the pump model's MRI advice to the action; {@code reAlertEvery} is
 * how often it is re-alerted until acknowledged (the urgency's default when the file does not set it).
 */
public record EscalationRule(String id, EscalationCondition when, Urgency urgency, Map<Severity, Urgency> urgencyBySeverity,
                             String suspicion, String action, boolean mri, Duration reAlertEvery, String why,
                             String source) {

    public EscalationRule {
        urgencyBySeverity = Map.copyOf(urgencyBySeverity);
    }

    public boolean matches(ComplicationReport report) {
        return when.matches(report);
    }

    public boolean matches(ComplicationReport report, EscalationContext context) {
        return when.matches(report, context);
    }

    public Urgency urgencyFor(Severity severity) {
        return urgencyBySeverity.getOrDefault(severity, urgency);
    }

    public Escalation escalate(ComplicationReport report, EscalationContext context) {
        String fullAction = mri ? action + " " + context.mriAdvice().asSentence(context.deviceModel()) : action;
        return new Escalation(id, urgencyFor(report.severity()), suspicion, fullAction, reAlertEvery);
    }
}
