package org.itpump.dosing.domain;

import org.itpump.chassis.problem.StateConflictException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The dose changes recorded before a proposed one, oldest first. A change takes effect at its instant; before
 * the first recorded change the dose in force is that change's previous dose (or, with no history, the
 * proposal's previous dose).
 */
public final class DoseHistory {

    private final List<DoseChange> changes;
    private final BigDecimal initialDailyDose;

    private DoseHistory(List<DoseChange> changes, BigDecimal initialDailyDose) {
        this.changes = changes;
        this.initialDailyDose = initialDailyDose;
    }

    /** The history a proposal extends: it must start from the dose in force and not precede the last change. */
    static DoseHistory before(List<DoseChange> earlier, DoseChange proposed) {
        List<DoseChange> sorted = earlier.stream().sorted(Comparator.comparing(DoseChange::changedAt)).toList();
        if (!sorted.isEmpty()) {
            DoseChange last = sorted.get(sorted.size() - 1);
            if (proposed.changedAt().isBefore(last.changedAt())) {
                throw new IllegalArgumentException("A dose change at " + proposed.changedAt()
                        + " cannot precede the last recorded change at " + last.changedAt());
            }
            if (proposed.previousDailyDose().compareTo(last.newDailyDose()) != 0) {
                throw new StateConflictException("The dose change starts from " + proposed.previousDailyDose().toPlainString()
                        + " but the dose in force is " + last.newDailyDose().toPlainString());
            }
        }
        BigDecimal initial = (sorted.isEmpty() ? proposed : sorted.get(0)).previousDailyDose();
        return new DoseHistory(sorted, initial);
    }

    public BigDecimal doseInForceAt(Instant at) {
        BigDecimal dose = initialDailyDose;
        for (DoseChange change : changes) {
            if (change.changedAt().isAfter(at)) {
                break;
            }
            dose = change.newDailyDose();
        }
        return dose;
    }

    /** The lowest dose in force at any moment from "from" on: the dose then, and every dose set after it. */
    public BigDecimal lowestDoseInForceFrom(Instant from) {
        return changes.stream().filter(c -> c.changedAt().isAfter(from)).map(DoseChange::newDailyDose)
                .reduce(doseInForceAt(from), BigDecimal::min);
    }

    public long increasesAfter(Instant from) {
        return changes.stream().filter(c -> c.changedAt().isAfter(from) && c.isIncrease()).count();
    }
}
