package org.itpump.dosing.domain;

import java.util.List;

/** Whether a change of the daily dose may be made, given the changes already recorded. */
public final class DoseChangeRules {

    private DoseChangeRules() {
    }

    /**
     * A decrease is always allowed. An increase must stay within the hard maximum daily dose (ziconotide's
     * 19.2 mcg/day) and the drug's titration rule, if it has one.
     */
    public static void check(Drug drug, List<DoseChange> earlier, DoseChange proposed) {
        DoseHistory history = DoseHistory.before(earlier, proposed);
        if (!proposed.isIncrease()) {
            return;
        }
        drug.requireDailyDoseWithinHardLimit("daily dose", proposed.newDailyDose());
        drug.titrationRule().ifPresent(rule -> rule.checkIncrease(drug, history, proposed));
    }
}
