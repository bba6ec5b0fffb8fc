package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One drug of a drug library version, with its limits in its own unit (mg or mcg; concentrations per mL).
 * Hard limits refuse; exactly at a limit is allowed. maxDailyDose is empty where the guideline gives no
 * upper limit. A withdrawal-critical drug (baclofen) makes an overdue refill urgent. refillSafetyMarginDays
 * (whole days, at least 0) is how long before the reservoir reaches the pump's low-reservoir alarm volume the
 * refill falls due; a withdrawal-critical drug has the larger margin (checked when the library is read).
 * maxDecreasePercentWithoutReason: for a withdrawal-critical drug, the largest cut made without a reason.
 * minHoursBetweenIncreases: the least time between two increases (ziconotide and baclofen: 24 h);
 * firstIncreaseAfterHours: no increase before this long after the first program (baclofen: 24 h). maxBolusDose: the largest single bolus, in the drug's unit (a hard
 * limit); empty where the library gives none.
 */
public record Drug(int libraryVersion, String code, String name, DoseUnit unit, BigDecimal maxConcentrationPerMl,
                   Optional<BigDecimal> maxDailyDose, BigDecimal startingDailyDoseMin, BigDecimal startingDailyDoseMax,
                   ReservoirStability stability, Optional<TitrationRule> titrationRule, boolean withdrawalCritical,
                   int refillSafetyMarginDays, Optional<BigDecimal> maxDecreasePercentWithoutReason,
                   Optional<Integer> minHoursBetweenIncreases, Optional<Integer> firstIncreaseAfterHours,
                   Optional<BigDecimal> maxBolusDose,
                   Optional<BigDecimal> firstFillConcentrationPerMl, String source) {

    public void requireConcentrationWithinHardLimit(BigDecimal concentrationPerMl) {
        String perMl = unit.symbol() + "/mL";
        if (concentrationPerMl.signum() <= 0) {
            throw refusal("concentration must be above 0 " + perMl + ", was " + concentrationPerMl.toPlainString());
        }
        if (concentrationPerMl.compareTo(maxConcentrationPerMl) > 0) {
            throw hardLimit("concentration", concentrationPerMl, maxConcentrationPerMl, perMl);
        }
    }

    /**
     * Refuses (422) a program without the indication its drug's titration depends on (baclofen: spasticity of
     * spinal or cerebral origin), or with one the library does not list; drugs whose rules do not depend on it
     * take any indication or none.
     */
    public void requireIndication(Indication indication) {
        titrationRule().ifPresent(rule -> rule.forIndication(this, indication));
    }

    /** A first fill of ziconotide is at 25 mcg/mL only (PRIALT-PI); other drugs have no such rule. */
    public void requireFirstFillConcentration(BigDecimal concentrationPerMl) {
        firstFillConcentrationPerMl.filter(required -> required.compareTo(concentrationPerMl) != 0)
                .ifPresent(required -> { throw refusal("first fill must be at " + plain(required).toPlainString() + " "
                        + unit.symbol() + "/mL, was " + plain(concentrationPerMl).toPlainString() + " " + unit.symbol() + "/mL"); });
    }

    /** Refuses a single bolus above the drug's own bolus limit (issue 12 section 5: 14.9 mg of IT morphine). */
    public void requireBolusWithinHardLimit(BigDecimal bolusDose) {
        maxBolusDose.filter(max -> bolusDose.compareTo(max) > 0)
                .ifPresent(max -> { throw hardLimit("bolus dose", bolusDose, max, unit.symbol()); });
    }

    /** Refuses a dose above the hard maximum; "what" names it in the message (e.g. total possible daily dose). */
    public void requireDailyDoseWithinHardLimit(String what, BigDecimal dose) {
        if (dose.signum() <= 0) {
            throw refusal(what + " must be above 0 " + perDay() + ", was " + dose.toPlainString());
        }
        maxDailyDose.filter(max -> dose.compareTo(max) > 0)
                .ifPresent(max -> { throw hardLimit(what, dose, max, perDay()); });
    }

    /**
     * Hard limits refuse; above the usual starting maximum, or below its minimum, the result asks for an override
     * reason (exactly at either end is within the range).
     */
    public LimitCheck checkDailyDose(BigDecimal dailyDose) {
        requireDailyDoseWithinHardLimit("daily dose", dailyDose);
        return new LimitCheck(code, dailyDose, startingDailyDoseMax, unit, dailyDose.compareTo(startingDailyDoseMax) > 0,
                startingDailyDoseMin, dailyDose.compareTo(startingDailyDoseMin) < 0);
    }

    /**
     * A decrease of a withdrawal-critical drug by more than maxDecreasePercentWithoutReason of the dose in force
     * needs a reason, like an increase beyond the soft limit (issue 12 section 3; LIORESAL-PI boxed warning on
     * abrupt discontinuation). Empty for other drugs and for smaller decreases. Compared exactly:
     * new x 100 < previous x (100 - p).
     */
    public Optional<LimitOverride> checkDecrease(BigDecimal previousDailyDose, BigDecimal newDailyDose, String overrideReason) {
        if (maxDecreasePercentWithoutReason.isEmpty() || newDailyDose.compareTo(previousDailyDose) >= 0) {
            return Optional.empty();
        }
        BigDecimal percent = maxDecreasePercentWithoutReason.get();
        BigDecimal hundred = BigDecimal.valueOf(100);
        if (newDailyDose.multiply(hundred).compareTo(previousDailyDose.multiply(hundred.subtract(percent))) >= 0) {
            return Optional.empty();
        }
        BigDecimal floor = plain(previousDailyDose.multiply(hundred.subtract(percent)).divide(hundred));
        if (overrideReason == null || overrideReason.isBlank()) {
            throw new RuleViolationException("The " + code + " daily dose " + plain(newDailyDose).toPlainString() + " " + perDay()
                    + " is more than " + percent.toPlainString() + " % below " + plain(previousDailyDose).toPlainString() + " "
                    + perDay() + ": " + code + " is withdrawal-critical, an override reason is required",
                    List.of("drug: " + code, "dailyDose: " + plain(newDailyDose).toPlainString() + " " + perDay(),
                            "lowestWithoutReason: " + floor.toPlainString() + " " + perDay()));
        }
        return Optional.of(new LimitOverride(code, newDailyDose, floor, unit, overrideReason.strip(),
                LimitOverride.Rule.WITHDRAWAL_DECREASE));
    }

    /** Without trailing zeros (a stored 100.0000000 reads 100), never in exponent form. */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    String perDay() {
        return unit.symbol() + "/day";
    }

    private RuleViolationException refusal(String what) {
        return new RuleViolationException("The " + code + " " + what);
    }

    private RuleViolationException hardLimit(String what, BigDecimal value, BigDecimal limit, String unitLabel) {
        return new RuleViolationException("The " + code + " " + what + " " + value.toPlainString() + " " + unitLabel
                + " exceeds the hard limit of " + limit.toPlainString() + " " + unitLabel
                + " (drug library v" + libraryVersion + ")",
                List.of("drug: " + code, what + ": " + value.toPlainString() + " " + unitLabel,
                        "hardLimit: " + limit.toPlainString() + " " + unitLabel, "drugLibraryVersion: " + libraryVersion));
    }
}
