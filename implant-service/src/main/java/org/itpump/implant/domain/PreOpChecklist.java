package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The case's pre-operative checklist: surgery cannot be completed while an item is unconfirmed. */
public record PreOpChecklist(Set<PreOpItem> confirmed) {

    public PreOpChecklist {
        confirmed = Set.copyOf(confirmed);
    }

    public List<PreOpItem> missing() {
        return Arrays.stream(PreOpItem.values()).filter(item -> !confirmed.contains(item)).toList();
    }

    public void requireComplete() {
        List<PreOpItem> missing = missing();
        if (!missing.isEmpty()) {
            throw new RuleViolationException("The implant cannot be recorded: the pre-op checklist is incomplete",
                    missing.stream().map(item -> "missing: " + item).toList());
        }
    }
}
