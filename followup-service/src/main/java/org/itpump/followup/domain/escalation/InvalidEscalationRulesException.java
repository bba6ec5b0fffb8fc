package org.itpump.followup.domain.escalation;

import java.util.List;

/**
 * The rule file is broken: a deployment error, not a clinical refusal, so the service must not start with it
 * rather than escalate wrongly. {@link #problems()} lists every fault found.
 */
public class InvalidEscalationRulesException extends IllegalStateException {

    private final List<String> problems;

    public InvalidEscalationRulesException(String source, List<String> problems) {
        super("Escalation rules " + source + " are invalid: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
