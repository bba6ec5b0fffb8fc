package org.itpump.followup.domain.outcome;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The patient's state before the trial, as carried in the pathway's events. The pathway records no baseline
 * for rigidity or spasm, so those are followed as recorded rather than compared.
 *
 * @param oralMmePerDay oral opioid use in morphine milligram equivalents per day; null when not recorded
 */
public record PreTrialBaseline(int painNrs, BigDecimal oralMmePerDay) {

    public PreTrialBaseline {
        OutcomeAssessment.requireScore("baseline pain NRS", painNrs);
        if (oralMmePerDay != null && oralMmePerDay.signum() < 0) {
            throw new RuleViolationException("Baseline oral MME per day cannot be negative, was " + oralMmePerDay.toPlainString());
        }
    }

    public static PreTrialBaseline withoutOralMme(int painNrs) {
        return new PreTrialBaseline(painNrs, null);
    }

    public Optional<BigDecimal> oralMme() {
        return Optional.ofNullable(oralMmePerDay);
    }
}
