package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The reservoir of one fill over time: the fill, then each program in force (continuous rate plus every bolus
 * the pump may deliver, i.e. the total possible daily dose), and the volume left at any instant. A fill counts
 * from the start of its day in the hospital's zone (the earliest it can have been made: the volume left is
 * never overstated). A program recorded after the fill but in force before any later one (a record entered
 * late) is taken to have run since the fill. Volumes in mL; the volume a period uses is
 * total possible daily dose x seconds / (concentration x 86,400), kept as an exact fraction: only the figures
 * reported are rounded (the volume left DOWN at 0.000001 mL, instants DOWN to the second), so neither is
 * ever overstated and a plan made at any moment of a period gives the same instants.
 *
 * <p>Source of the rule: issue 12, section 1 (a dose change re-plans from the volume left at the change, not
 * from the fill); pump labeling (SynchroMed II, Prometra II) plans refills by the low-reservoir alarm volume.
 */
public final class ReservoirTimeline {

    /** A program and the instant it took effect (its programmedAt). */
    public record ProgramPeriod(Instant from, PumpProgram program) {
        public ProgramPeriod {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(program, "program");
        }
    }

    static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    static final int VOLUME_SCALE = 6;

    private final ReservoirFill fill;
    private final ZoneId zone;
    private final Instant filledAt;
    /** Oldest first; the first starts at filledAt. */
    private final List<ProgramPeriod> periods;

    private ReservoirTimeline(ReservoirFill fill, ZoneId zone, Instant filledAt, List<ProgramPeriod> periods) {
        this.fill = fill;
        this.zone = zone;
        this.filledAt = filledAt;
        this.periods = periods;
    }

    /**
     * The timeline of a fill under the therapy's programs (any order; those superseded before the fill are
     * ignored). At least one program is needed: a pump is programmed before it is filled.
     */
    public static ReservoirTimeline of(ReservoirFill fill, ZoneId zone, List<ProgramPeriod> programs) {
        Objects.requireNonNull(fill, "fill");
        if (programs.isEmpty()) {
            throw new IllegalArgumentException("A reservoir timeline needs the program in force at the fill");
        }
        Instant filledAt = fill.filledOn().atStartOfDay(zone).toInstant();
        List<ProgramPeriod> sorted = programs.stream().sorted(Comparator.comparing(ProgramPeriod::from)).toList();
        ProgramPeriod atFill = sorted.get(0);
        for (ProgramPeriod period : sorted) {
            if (!period.from().isAfter(filledAt)) {
                atFill = period;
            }
        }
        List<ProgramPeriod> periods = new ArrayList<>();
        periods.add(new ProgramPeriod(filledAt, atFill.program()));
        for (ProgramPeriod period : sorted) {
            if (period.from().isAfter(filledAt) && period != atFill) {
                periods.add(period);
            }
        }
        return new ReservoirTimeline(fill, zone, filledAt, List.copyOf(periods));
    }

    public ReservoirFill fill() {
        return fill;
    }

    /** The start of the fill's day in the hospital's zone. */
    public Instant filledAt() {
        return filledAt;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The program in force at that instant (the one at the fill for any instant before it). */
    public PumpProgram programAt(Instant at) {
        PumpProgram program = periods.get(0).program();
        for (ProgramPeriod period : periods) {
            if (period.from().isAfter(at)) {
                break;
            }
            program = period.program();
        }
        return program;
    }

    /** mL left in the reservoir at that instant, rounded down at 0.000001 mL, never below 0; refused before the fill. */
    public BigDecimal volumeAt(Instant at) {
        return exactVolumeAt(at).floor(VOLUME_SCALE).max(BigDecimal.ZERO);
    }

    private Ratio exactVolumeAt(Instant at) {
        if (at.isBefore(filledAt)) {
            throw new RuleViolationException("The reservoir volume at " + at + " precedes the fill on " + fill.filledOn());
        }
        Ratio left = Ratio.of(fill.volumeMl());
        for (int i = 0; i < periods.size(); i++) {
            Instant start = periods.get(i).from();
            Instant end = i + 1 < periods.size() ? periods.get(i + 1).from() : at;
            if (end.isAfter(at)) {
                end = at;
            }
            if (end.isAfter(start)) {
                left = left.minus(volumeUsed(periods.get(i).program(), Duration.between(start, end)));
            }
        }
        return left;
    }

    /**
     * The refill plan made at "now" (not before the fill) from the volume left then and the program in force
     * then; see {@link RefillPlan} for the rule. alarmVolumeMl is the pump's low-reservoir alarm volume.
     */
    public RefillPlan planAt(Instant now, BigDecimal alarmVolumeMl) {
        if (alarmVolumeMl.signum() < 0 || fill.volumeMl().compareTo(alarmVolumeMl) <= 0) {
            throw new RuleViolationException("The fill volume " + fill.volumeMl().toPlainString()
                    + " mL must exceed the low-reservoir alarm volume " + alarmVolumeMl.toPlainString() + " mL");
        }
        Instant plannedAt = now.isBefore(filledAt) ? filledAt : now;
        PumpProgram program = programAt(plannedAt);
        Ratio left = exactVolumeAt(plannedAt);
        if (left.signum() < 0) {
            left = Ratio.of(BigDecimal.ZERO);
        }
        Ratio aboveAlarm = left.minus(Ratio.of(alarmVolumeMl));
        Instant alarmAt = (aboveAlarm.signum() > 0 ? plannedAt.plusNanos(nanosToDeliver(program, aboveAlarm)) : plannedAt)
                .truncatedTo(ChronoUnit.SECONDS);
        Instant emptyAt = plannedAt.plusNanos(nanosToDeliver(program, left)).truncatedTo(ChronoUnit.SECONDS);
        return RefillPlan.of(this, program, plannedAt, left.floor(VOLUME_SCALE), alarmAt, emptyAt);
    }

    /**
     * Nanoseconds the program takes to deliver that volume: volume x concentration x 86,400 / dose seconds,
     * rounded DOWN (the instants it gives are then rounded down to the second).
     */
    private static long nanosToDeliver(PumpProgram program, Ratio volumeMl) {
        return volumeMl.times(program.concentrationPerMl().multiply(SECONDS_PER_DAY).movePointRight(9))
                .over(program.totalPossibleDailyDose()).floor(0).longValueExact();
    }

    private static Ratio volumeUsed(PumpProgram program, Duration duration) {
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        return new Ratio(program.totalPossibleDailyDose().multiply(seconds),
                program.concentrationPerMl().multiply(SECONDS_PER_DAY));
    }

    /** An exact fraction of two decimals (denominator above 0): divisions wait until a figure is reported. */
    private record Ratio(BigDecimal numerator, BigDecimal denominator) {

        static Ratio of(BigDecimal value) {
            return new Ratio(value, BigDecimal.ONE);
        }

        Ratio minus(Ratio other) {
            if (denominator.compareTo(other.denominator) == 0) {
                return new Ratio(numerator.subtract(other.numerator), denominator);
            }
            return new Ratio(numerator.multiply(other.denominator).subtract(other.numerator.multiply(denominator)),
                    denominator.multiply(other.denominator));
        }

        Ratio times(BigDecimal factor) {
            return new Ratio(numerator.multiply(factor), denominator);
        }

        Ratio over(BigDecimal divisor) {
            return new Ratio(numerator, denominator.multiply(divisor));
        }

        int signum() {
            return numerator.signum();
        }

        BigDecimal floor(int scale) {
            return numerator.divide(denominator, scale, RoundingMode.FLOOR);
        }
    }
}
