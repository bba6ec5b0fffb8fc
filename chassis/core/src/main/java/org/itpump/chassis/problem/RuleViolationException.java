package org.itpump.chassis.problem;

import java.util.List;

/** A clinical rule refuses the request (answered 422): e.g. a pain score outside 0-10 for the trial window. */
public class RuleViolationException extends ClinicalRuleException {
    public RuleViolationException(String message) {
        this(message, List.of());
    }

    public RuleViolationException(String message, List<String> details) {
        super(message, details);
    }
}
