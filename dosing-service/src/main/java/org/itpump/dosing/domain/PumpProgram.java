package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the pump is programmed to deliver, checked against the drug library version the drug came from
 * (libraryVersion(), to be recorded with it). Doses are in the drug's unit, the concentration per mL. Bolus
 * fields are set exactly in PATIENT_ACTIVATED_BOLUS mode, and the total the patient could receive in a day
 * (daily dose + max boluses x bolus dose) must respect the hard maximum daily dose too.
 */
public record PumpProgram(Drug drug, BigDecimal concentrationPerMl, BigDecimal dailyDose, DeliveryMode mode,
                          BigDecimal bolusDose, Integer bolusLockoutMinutes, Integer maxBolusesPerDay) {

    /** Daily volumes are rounded UP at this scale (0.0001 mL): an overestimate brings the refill earlier. */
    static final int VOLUME_SCALE = 4;

    public PumpProgram {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(concentrationPerMl, "concentrationPerMl");
        Objects.requireNonNull(dailyDose, "dailyDose");
        Objects.requireNonNull(mode, "mode");
        List<String> problems = mode == DeliveryMode.PATIENT_ACTIVATED_BOLUS
                ? bolusProblems(bolusDose, bolusLockoutMinutes, maxBolusesPerDay)
                : simpleProblems(bolusDose, bolusLockoutMinutes, maxBolusesPerDay);
        if (!problems.isEmpty()) {
            throw new RuleViolationException("The " + mode + " program for " + drug.code() + " is inconsistent", problems);
        }
        drug.requireConcentrationWithinHardLimit(concentrationPerMl);
        drug.requireDailyDoseWithinHardLimit("daily dose", dailyDose);
        if (mode == DeliveryMode.PATIENT_ACTIVATED_BOLUS) {
            drug.requireBolusWithinHardLimit(bolusDose);
            drug.requireDailyDoseWithinHardLimit("total possible daily dose (daily dose + " + maxBolusesPerDay
                    + " boluses of " + bolusDose.toPlainString() + ")", totalPossibleDailyDose(dailyDose, bolusDose, maxBolusesPerDay));
        }
    }

    public static PumpProgram simpleContinuous(Drug drug, BigDecimal concentrationPerMl, BigDecimal dailyDose) {
        return new PumpProgram(drug, concentrationPerMl, dailyDose, DeliveryMode.SIMPLE_CONTINUOUS, null, null, null);
    }

    public static PumpProgram patientActivatedBolus(Drug drug, BigDecimal concentrationPerMl, BigDecimal dailyDose,
                                                    BigDecimal bolusDose, int bolusLockoutMinutes, int maxBolusesPerDay) {
        return new PumpProgram(drug, concentrationPerMl, dailyDose, DeliveryMode.PATIENT_ACTIVATED_BOLUS, bolusDose,
                bolusLockoutMinutes, maxBolusesPerDay);
    }

    public int libraryVersion() {
        return drug.libraryVersion();
    }

    /** The most the pump can deliver in a day: every allowed bolus taken. */
    public BigDecimal totalPossibleDailyDose() {
        return mode == DeliveryMode.SIMPLE_CONTINUOUS ? dailyDose : totalPossibleDailyDose(dailyDose, bolusDose, maxBolusesPerDay);
    }

    /** mL per day at the total possible daily dose, rounded up to 0.0001 mL. */
    public BigDecimal dailyVolumeMl() {
        return totalPossibleDailyDose().divide(concentrationPerMl, VOLUME_SCALE, RoundingMode.CEILING);
    }

    /**
     * The soft-limit check, on the total possible daily dose (the daily dose in SIMPLE_CONTINUOUS mode): boluses
     * that could take the patient above the usual starting range need a reason too.
     */
    public LimitCheck softLimitCheck() {
        return drug.checkDailyDose(totalPossibleDailyDose());
    }

    private static BigDecimal totalPossibleDailyDose(BigDecimal dailyDose, BigDecimal bolusDose, int maxBolusesPerDay) {
        return dailyDose.add(bolusDose.multiply(BigDecimal.valueOf(maxBolusesPerDay)));
    }

    private static List<String> bolusProblems(BigDecimal bolusDose, Integer lockoutMinutes, Integer maxBolusesPerDay) {
        List<String> problems = new ArrayList<>();
        if (bolusDose == null || bolusDose.signum() <= 0) {
            problems.add("bolusDose must be above 0, was " + (bolusDose == null ? "missing" : bolusDose.toPlainString()));
        }
        if (lockoutMinutes == null || lockoutMinutes <= 0) {
            problems.add("bolusLockoutMinutes must be above 0, was " + (lockoutMinutes == null ? "missing" : lockoutMinutes));
        }
        if (maxBolusesPerDay == null || maxBolusesPerDay < 1) {
            problems.add("maxBolusesPerDay must be at least 1, was " + (maxBolusesPerDay == null ? "missing" : maxBolusesPerDay));
        }
        return problems;
    }

    private static List<String> simpleProblems(BigDecimal bolusDose, Integer lockoutMinutes, Integer maxBolusesPerDay) {
        List<String> problems = new ArrayList<>();
        if (bolusDose != null) {
            problems.add("bolusDose is only for PATIENT_ACTIVATED_BOLUS mode");
        }
        if (lockoutMinutes != null) {
            problems.add("bolusLockoutMinutes is only for PATIENT_ACTIVATED_BOLUS mode");
        }
        if (maxBolusesPerDay != null) {
            problems.add("maxBolusesPerDay is only for PATIENT_ACTIVATED_BOLUS mode");
        }
        return problems;
    }
}
