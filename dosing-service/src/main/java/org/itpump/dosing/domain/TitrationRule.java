package org.itpump.dosing.domain;

/** How fast a drug's daily dose may rise. Only increases are checked: a decrease is always allowed. */
public sealed interface TitrationRule permits StepTitrationRule, PercentTitrationRule, IndicationTitrationRule {

    /** Throws RuleViolationException when the proposed increase breaks the rule, given the earlier changes. */
    void checkIncrease(Drug drug, DoseHistory history, DoseChange proposed);

    /**
     * The rule that applies to a program of this indication (null: none given). Most rules do not depend on it;
     * an IndicationTitrationRule picks its own and refuses a missing or unknown indication.
     */
    default TitrationRule forIndication(Drug drug, Indication indication) {
        return this;
    }
}
