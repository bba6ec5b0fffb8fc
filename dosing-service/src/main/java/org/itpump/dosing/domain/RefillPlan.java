package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a fill must be refilled. Days to the low-reservoir alarm = (fill volume - alarm volume) / daily
 * volume, computed exactly and rounded DOWN to whole days, so a refill is never scheduled after the alarm.
 * The daily volume assumes every allowed bolus is taken. The due date is the earliest of the alarm date and
 * the drug's stability limit for this fill (first fill and dilution included); dueReasons names what set it.
 */
public record RefillPlan(BigDecimal dailyVolumeMl, long daysToAlarm, LocalDate alarmDate,
                         Optional<LocalDate> stabilityLimitDate, LocalDate refillDueDate, Set<RefillDueReason> dueReasons,
                         boolean withdrawalCritical) {

    /** The alarm volume when none is given; SynchroMed-type pumps commonly alarm at 2 mL. */
    public static final BigDecimal DEFAULT_ALARM_VOLUME_ML = new BigDecimal("2");

    public static RefillPlan of(PumpProgram program, ReservoirFill fill) {
        return of(program, fill, DEFAULT_ALARM_VOLUME_ML);
    }

    public static RefillPlan of(PumpProgram program, ReservoirFill fill, BigDecimal alarmVolumeMl) {
        if (alarmVolumeMl.signum() < 0 || fill.volumeMl().compareTo(alarmVolumeMl) <= 0) {
            throw new RuleViolationException("The fill volume " + fill.volumeMl().toPlainString()
                    + " mL must exceed the low-reservoir alarm volume " + alarmVolumeMl.toPlainString() + " mL");
        }
        // (fill - alarm) / (total dose / concentration) = (fill - alarm) x concentration / total dose, floored
        long daysToAlarm = fill.volumeMl().subtract(alarmVolumeMl).multiply(program.concentrationPerMl())
                .divide(program.totalPossibleDailyDose(), 0, RoundingMode.FLOOR).longValueExact();
        LocalDate alarmDate = fill.filledOn().plusDays(daysToAlarm);
        Optional<LocalDate> stabilityDate = program.drug().stability().limitDays(fill.firstFill(), fill.diluted())
                .map(fill.filledOn()::plusDays);
        LocalDate due = stabilityDate.filter(alarmDate::isAfter).orElse(alarmDate);
        Set<RefillDueReason> reasons = EnumSet.noneOf(RefillDueReason.class);
        if (alarmDate.equals(due)) {
            reasons.add(RefillDueReason.LOW_RESERVOIR_ALARM);
        }
        if (stabilityDate.filter(due::equals).isPresent()) {
            reasons.add(RefillDueReason.DRUG_STABILITY);
        }
        return new RefillPlan(program.dailyVolumeMl(), daysToAlarm, alarmDate, stabilityDate, due, Set.copyOf(reasons),
                program.drug().withdrawalCritical());
    }

    public RefillStatus statusOn(LocalDate today) {
        if (today.isBefore(refillDueDate)) {
            return RefillStatus.SCHEDULED;
        }
        if (today.equals(refillDueDate)) {
            return RefillStatus.DUE_TODAY;
        }
        return withdrawalCritical ? RefillStatus.OVERDUE_URGENT : RefillStatus.OVERDUE;
    }
}
