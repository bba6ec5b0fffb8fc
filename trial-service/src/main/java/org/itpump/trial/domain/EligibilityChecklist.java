package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The candidate's eligibility checklist: a trial starts only when every item is documented. */
public record EligibilityChecklist(Set<EligibilityItem> completed) {

    public EligibilityChecklist {
        completed = Set.copyOf(completed);
    }

    public List<EligibilityItem> missing() {
        return Arrays.stream(EligibilityItem.values()).filter(item -> !completed.contains(item)).toList();
    }

    /** Refuses to start a trial, listing what is missing. */
    public void requireComplete() {
        List<EligibilityItem> missing = missing();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("The trial cannot start: the eligibility checklist is incomplete",
                    missing.stream().map(item -> "missing: " + item).toList());
        }
    }
}
