package org.itpump.dosing.domain;

/** How fast a drug's daily dose may rise. Only increases are checked: a decrease is always allowed. */
public sealed interface TitrationRule permits StepTitrationRule, PercentTitrationRule {

    /** Throws RuleViolationException when the proposed increase breaks the rule, given the earlier changes. */
    void checkIncrease(Drug drug, DoseHistory history, DoseChange proposed);
}
