package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a fill must be refilled, planned at plannedAt from the volume left then ({@link ReservoirTimeline}) at
 * the program in force then (its total possible daily dose: every allowed bolus taken).
 * <ul>
 * <li>alarmAt: when the reservoir reaches the pump's low-reservoir alarm volume
 *     (plannedAt + (left - alarm volume) x concentration / total possible daily dose, rounded down to the second;
 *     plannedAt itself when the volume left is already at or below it); emptyAt likewise for 0 mL.</li>
 * <li>refillDueDate: the hospital-zone day of (alarmAt - the drug's refillSafetyMarginDays), or the drug's
 *     stability limit for this fill (first fill and dilution included) if that is earlier; never before the
 *     fill's own day. dueReasons names what set it.</li>
 * <li>firstOverdueAlertAt: the start of the day after the due date; for a withdrawal-critical drug (baclofen)
 *     no later than emptyAt - the margin, so the first URGENT alert comes before the pump can run dry.</li>
 * </ul>
 * Sources: issue 12 section 1; LIORESAL-PI / GABLOFEN-PI boxed warning (abrupt discontinuation of intrathecal
 * baclofen: plan refills so the reservoir never runs dry); the margin figures are hospital policy in the drug
 * library, to be confirmed by the pharmacist (docs/drug-library-review.md).
 */
public record RefillPlan(Instant plannedAt, BigDecimal volumeLeftMl, BigDecimal dailyVolumeMl, Instant alarmAt,
                         Instant emptyAt, LocalDate alarmDate, LocalDate emptyDate, int safetyMarginDays,
                         Optional<LocalDate> stabilityLimitDate, LocalDate refillDueDate, Set<RefillDueReason> dueReasons,
                         boolean withdrawalCritical, Instant firstOverdueAlertAt) {

    /** The alarm volume when none is given; SynchroMed-type pumps commonly alarm at 2 mL. */
    public static final BigDecimal DEFAULT_ALARM_VOLUME_ML = new BigDecimal("2");

    /** The plan at the fill itself (start of its day, UTC) for one program and the default 2 mL alarm. */
    public static RefillPlan of(PumpProgram program, ReservoirFill fill) {
        return of(program, fill, DEFAULT_ALARM_VOLUME_ML);
    }

    /** The plan at the fill itself (start of its day, UTC) for one program. */
    public static RefillPlan of(PumpProgram program, ReservoirFill fill, BigDecimal alarmVolumeMl) {
        ReservoirTimeline timeline = ReservoirTimeline.of(fill, ZoneOffset.UTC,
                List.of(new ReservoirTimeline.ProgramPeriod(Instant.EPOCH, program)));
        return timeline.planAt(timeline.filledAt(), alarmVolumeMl);
    }

    static RefillPlan of(ReservoirTimeline timeline, PumpProgram program, Instant plannedAt, BigDecimal left,
                         Instant alarmAt, Instant emptyAt) {
        ZoneId zone = timeline.zone();
        ReservoirFill fill = timeline.fill();
        Drug drug = program.drug();
        Duration margin = Duration.ofDays(drug.refillSafetyMarginDays());
        LocalDate byVolume = max(LocalDate.ofInstant(alarmAt.minus(margin), zone), fill.filledOn());
        Optional<LocalDate> stabilityDate = drug.stability().limitDays(fill.firstFill(), fill.diluted())
                .map(fill.filledOn()::plusDays);
        LocalDate due = stabilityDate.filter(byVolume::isAfter).orElse(byVolume);
        Set<RefillDueReason> reasons = EnumSet.noneOf(RefillDueReason.class);
        if (byVolume.equals(due)) {
            reasons.add(RefillDueReason.LOW_RESERVOIR_ALARM);
        }
        if (stabilityDate.filter(due::equals).isPresent()) {
            reasons.add(RefillDueReason.DRUG_STABILITY);
        }
        Instant firstAlert = due.plusDays(1).atStartOfDay(zone).toInstant();
        if (drug.withdrawalCritical() && emptyAt.minus(margin).isBefore(firstAlert)) {
            firstAlert = emptyAt.minus(margin);
        }
        return new RefillPlan(plannedAt, left, program.dailyVolumeMl(), alarmAt, emptyAt,
                LocalDate.ofInstant(alarmAt, zone), LocalDate.ofInstant(emptyAt, zone), drug.refillSafetyMarginDays(),
                stabilityDate, due, Set.copyOf(reasons), drug.withdrawalCritical(), firstAlert);
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

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? b : a;
    }
}
