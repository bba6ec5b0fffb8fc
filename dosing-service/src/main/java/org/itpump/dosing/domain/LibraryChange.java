package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What publishing a drug library version would do to the programs in force of active therapies (issue 12 section
 * 4): a program keeps the version that checked it, so a new version that removes its drug, or narrows a hard limit
 * below it, would leave a patient on a program the library in force refuses (the next dose change or refill
 * against it would be 422). Such a version is refused with the list of affected therapies, or published only with
 * an explicit, recorded acknowledgement. Hard limits only: maxConcentrationPerMl, maxDailyDose (also held to the
 * total possible daily dose of a bolus program) and maxBolusDose, compared exactly after converting the program's
 * figures to the new entry's unit. Soft limits (the starting range) are left out: a program above them stands with
 * an override reason already.
 */
public final class LibraryChange {

    /** The limit a program would break. */
    public enum Limit {
        DRUG_REMOVED, MAX_CONCENTRATION, MAX_DAILY_DOSE, MAX_TOTAL_POSSIBLE_DAILY_DOSE, MAX_BOLUS_DOSE
    }

    /** A program in force of an active therapy, its figures in its own dose unit (concentration per mL). */
    public record ProgramInForce(UUID therapyId, UUID pathwayId, String patientRef, UUID programId, int libraryVersion,
                                 String drug, DoseUnit unit, BigDecimal concentrationPerMl, BigDecimal dailyDose,
                                 BigDecimal bolusDose, Integer maxBolusesPerDay) {

        BigDecimal totalPossibleDailyDose() {
            return bolusDose == null || maxBolusesPerDay == null ? dailyDose
                    : dailyDose.add(bolusDose.multiply(BigDecimal.valueOf(maxBolusesPerDay)));
        }
    }

    /**
     * One broken limit: the new version's limit and the program's value, both in ucumUnit (the new entry's unit);
     * limitValue and programValue are null for DRUG_REMOVED.
     */
    public record Finding(Limit limit, BigDecimal limitValue, BigDecimal programValue, String ucumUnit) {

        public String describe(String drug, int version) {
            return limit == Limit.DRUG_REMOVED ? drug + " is not in drug library v" + version
                    : drug + " " + limit + " " + Drug.plain(limitValue).toPlainString() + " " + ucumUnit + " in v" + version
                    + " is below the program's " + Drug.plain(programValue).toPlainString() + " " + ucumUnit;
        }
    }

    /** A therapy whose program in force the new version would refuse, and why. */
    public record AffectedTherapy(ProgramInForce program, List<Finding> findings) {
    }

    private LibraryChange() {
    }

    /** The therapies the new version would leave outside its hard limits, in the order given; empty when none. */
    public static List<AffectedTherapy> affected(DrugLibrary next, List<ProgramInForce> programs) {
        List<AffectedTherapy> affected = new ArrayList<>();
        for (ProgramInForce program : programs) {
            List<Finding> findings = findings(next, program);
            if (!findings.isEmpty()) {
                affected.add(new AffectedTherapy(program, findings));
            }
        }
        return affected;
    }

    private static List<Finding> findings(DrugLibrary next, ProgramInForce program) {
        Drug drug = next.drugs().stream().filter(d -> d.code().equals(program.drug())).findFirst().orElse(null);
        if (drug == null) {
            return List.of(new Finding(Limit.DRUG_REMOVED, null, null, null));
        }
        List<Finding> findings = new ArrayList<>();
        DoseUnit to = drug.unit();
        above(findings, Limit.MAX_CONCENTRATION, Optional.of(drug.maxConcentrationPerMl()),
                DoseQuantity.convert(program.concentrationPerMl(), program.unit(), to), DoseQuantity.Kind.CONCENTRATION.ucum(to));
        BigDecimal daily = DoseQuantity.convert(program.dailyDose(), program.unit(), to);
        above(findings, Limit.MAX_DAILY_DOSE, drug.maxDailyDose(), daily, DoseQuantity.Kind.DAILY_DOSE.ucum(to));
        BigDecimal total = DoseQuantity.convert(program.totalPossibleDailyDose(), program.unit(), to);
        if (total.compareTo(daily) != 0) {
            above(findings, Limit.MAX_TOTAL_POSSIBLE_DAILY_DOSE, drug.maxDailyDose(), total, DoseQuantity.Kind.DAILY_DOSE.ucum(to));
        }
        if (program.bolusDose() != null) {
            above(findings, Limit.MAX_BOLUS_DOSE, drug.maxBolusDose(),
                    DoseQuantity.convert(program.bolusDose(), program.unit(), to), DoseQuantity.Kind.DOSE.ucum(to));
        }
        return findings;
    }

    private static void above(List<Finding> findings, Limit limit, Optional<BigDecimal> max, BigDecimal value, String unit) {
        max.filter(m -> value.compareTo(m) > 0).ifPresent(m -> findings.add(new Finding(limit, m, value, unit)));
    }
}
