package org.itpump.chassis.problem;

import java.util.List;

/**
 * A request or event that the clinic's rules refuse. Plain Java, so domain code can throw it without
 * knowing about HTTP or Kafka: REST answers it with problem+json, consumers dead-letter it.
 */
public abstract class ClinicalRuleException extends RuntimeException {

    private final List<String> details;

    protected ClinicalRuleException(String message, List<String> details) {
        super(message);
        this.details = List.copyOf(details);
    }

    /** Itemised reasons (e.g. each missing checklist item); may be empty. */
    public List<String> details() {
        return details;
    }
}
