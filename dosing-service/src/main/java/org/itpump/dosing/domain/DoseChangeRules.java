package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Whether a change of the daily dose may be made, given the changes already recorded. */
public final class DoseChangeRules {

    private DoseChangeRules() {
    }

    /**
     * A decrease is always allowed here (a large cut of a withdrawal-critical drug needs a reason: Drug.checkDecrease).
     * An increase must stay within the hard maximum daily dose (ziconotide's 19.2 mcg/day), the drug's titration
     * rule, if it has one, and its least time between increases (ziconotide, baclofen: 24 h); the first increase
     * also waits the drug's firstIncreaseAfterHours after the start of the therapy with this drug (startedAt;
     * baclofen: 24 h). Doses are
     * the total possible daily dose (continuous + max boluses x bolus dose), so a switch to bolus mode is an
     * increase like any other (issue 12 section 5; PRIALT-PI, LIORESAL-PI titration).
     */
    public static void check(Drug drug, List<DoseChange> earlier, DoseChange proposed, Instant startedAt) {
        check(drug, earlier, proposed, startedAt, null);
    }

    /**
     * As above, with the program's indication, which picks the titration rule of a drug whose rule depends on it
     * (baclofen: spasticity of spinal origin +30 %, cerebral origin +15 % per 24 h; a missing one is 422).
     */
    public static void check(Drug drug, List<DoseChange> earlier, DoseChange proposed, Instant startedAt,
                             Indication indication) {
        java.util.Optional<TitrationRule> rule = drug.titrationRule().map(r -> r.forIndication(drug, indication));
        DoseHistory history = DoseHistory.before(earlier, proposed);
        if (!proposed.isIncrease()) {
            return;
        }
        drug.requireDailyDoseWithinHardLimit("daily dose", proposed.newDailyDose());
        java.util.Optional<Instant> lastIncrease = earlier.stream().filter(DoseChange::isIncrease).map(DoseChange::changedAt)
                .max(Comparator.naturalOrder());
        if (lastIncrease.isPresent()) {
            drug.minHoursBetweenIncreases().ifPresent(hours -> requireAfter(drug, proposed, lastIncrease.get(), hours,
                    "at most once every " + hours + " h: the last increase was at "));
        } else if (startedAt != null) {
            drug.firstIncreaseAfterHours().ifPresent(hours -> requireAfter(drug, proposed, startedAt, hours,
                    "only " + hours + " h after the start: it started at "));
        }
        rule.ifPresent(r -> r.checkIncrease(drug, history, proposed));
    }

    private static void requireAfter(Drug drug, DoseChange proposed, Instant since, int hours, String rule) {
        Instant from = since.plus(Duration.ofHours(hours));
        if (proposed.changedAt().isBefore(from)) {
            throw new RuleViolationException("The " + drug.code() + " dose may be increased " + rule + since
                    + "; the next increase may be from " + from);
        }
    }

    /** As above, without a known start of the therapy. */
    public static void check(Drug drug, List<DoseChange> earlier, DoseChange proposed) {
        check(drug, earlier, proposed, null);
    }
}
