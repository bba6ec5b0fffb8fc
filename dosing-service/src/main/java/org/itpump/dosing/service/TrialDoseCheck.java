package org.itpump.dosing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ClinicalRuleException;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.Drug;
import org.itpump.dosing.domain.DrugLibrary;
import org.itpump.dosing.domain.LimitCheck;
import org.itpump.dosing.domain.DosingEvent;
import org.itpump.dosing.domain.TrialDoseFinding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Checks a trial's drug and dose against the library when the trial starts, and says so
 * (dosing.trial-dose-checked): within limits, or each violation found, each marked HARD or SOFT with the rule it
 * breaks (findingDetails; trial-service holds the trial on a HARD finding until a clinician records an override).
 * The dose is first converted exactly to the drug's unit (a 0.5 mg baclofen trial dose is 500 mcg); a unit that
 * cannot be converted, or a drug the library does not hold, is a HARD finding (the dose could not be checked).
 * A bolus dose is held to the same daily limits as an infusion's daily dose, the conservative reading; the dose of
 * a bolus trial (SINGLE_BOLUS, REPEATED_BOLUS) is also a single bolus, held to the drug's maxBolusDose (issue 12
 * section 6: a 10 mg intrathecal morphine trial bolus is ten times morphine's 1 mg bolus limit).
 */
@ApplicationScoped
public class TrialDoseCheck {

    /** What dosing-service reads of trial.started (trialType: whether the dose is a bolus). */
    public record TrialStarted(UUID pathwayId, String patientRef, UUID trialId, String trialType, String drug,
                               BigDecimal dose, String doseUnit) {
    }

    private final DrugLibraryService library;
    private final DosingOutbox outbox;

    TrialDoseCheck(DrugLibraryService library, DosingOutbox outbox) {
        this.library = library;
        this.outbox = outbox;
    }

    /** Runs in the consumer's transaction. */
    public Uni<Void> check(TrialStarted trial) {
        return library.current().chain(drugs -> {
            List<TrialDoseFinding> findings = findings(drugs, trial);
            return outbox.append(new DosingEvent.TrialDoseChecked(trial.pathwayId(), trial.patientRef(),
                    trial.trialId(), trial.drug(), trial.dose(), trial.doseUnit(), drugs.version(), findings));
        });
    }

    static List<TrialDoseFinding> findings(DrugLibrary drugs, TrialStarted trial) {
        List<TrialDoseFinding> findings = new ArrayList<>();
        Drug drug;
        try {
            drug = drugs.drug(trial.drug());
        } catch (ClinicalRuleException notInLibrary) {
            return List.of(TrialDoseFinding.hard("drug-not-in-library", notInLibrary.getMessage()));
        }
        BigDecimal dose;
        try {
            dose = new DoseQuantity(trial.dose(), trial.doseUnit()).in(drug, DoseQuantity.Kind.DOSE, "trial dose");
        } catch (ClinicalRuleException unconvertible) {
            return List.of(TrialDoseFinding.hard("dose-unit-not-convertible", unconvertible.getMessage()));
        }
        if (isBolusTrial(trial.trialType())) {
            try {
                drug.requireBolusWithinHardLimit(dose);
            } catch (ClinicalRuleException hardLimit) {
                findings.add(TrialDoseFinding.hard("max-bolus-dose", hardLimit.getMessage()));
            }
        }
        String unit = drug.unit().symbol();
        try {
            drug.requireDailyDoseWithinHardLimit("trial dose", dose);
            LimitCheck soft = drug.checkDailyDose(dose);
            if (soft.softLimitExceeded()) {
                findings.add(TrialDoseFinding.soft("starting-daily-dose", "The trial dose " + dose.toPlainString() + " "
                        + unit + " is above the usual starting maximum of " + soft.softLimit().toPlainString() + " " + unit));
            }
        } catch (ClinicalRuleException hardLimit) {
            findings.add(TrialDoseFinding.hard("max-daily-dose", hardLimit.getMessage()));
        }
        return findings;
    }

    /** A trial type this check does not know is not taken for a bolus (its daily limits still apply). */
    private static boolean isBolusTrial(String trialType) {
        return "SINGLE_BOLUS".equals(trialType) || "REPEATED_BOLUS".equals(trialType);
    }
}
