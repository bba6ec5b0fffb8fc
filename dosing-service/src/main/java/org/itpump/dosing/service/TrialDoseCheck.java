package org.itpump.dosing.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.ClinicalRuleException;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.Drug;
import org.itpump.dosing.domain.DrugLibrary;
import org.itpump.dosing.domain.LimitCheck;
import org.itpump.dosing.messaging.DosingEvents;
import org.itpump.dosing.messaging.TrialEventsConsumer.TrialStarted;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a trial's drug and dose against the library when the trial starts, and says so
 * (dosing.trial-dose-checked): within limits, or each violation found. The dose is first converted exactly
 * to the drug's unit (a 0.5 mg baclofen trial dose is 500 mcg); a unit that cannot be converted is a finding.
 * A bolus dose is held to the same daily limits as an infusion's daily dose, the conservative reading.
 */
@ApplicationScoped
public class TrialDoseCheck {

    private final DrugLibraryService library;
    private final Outbox outbox;

    TrialDoseCheck(DrugLibraryService library, Outbox outbox) {
        this.library = library;
        this.outbox = outbox;
    }

    /** Runs in the consumer's transaction. */
    public Uni<Void> check(TrialStarted trial) {
        return library.current().chain(drugs -> {
            List<String> findings = findings(drugs, trial);
            return outbox.append(DosingEvents.trialDoseChecked(trial.pathwayId(), new DosingEvents.TrialDoseChecked(
                    trial.pathwayId(), trial.patientRef(), trial.trialId(), trial.drug(), trial.dose(), trial.doseUnit(),
                    drugs.version(), findings.isEmpty(), findings)));
        });
    }

    static List<String> findings(DrugLibrary drugs, TrialStarted trial) {
        List<String> findings = new ArrayList<>();
        Drug drug;
        try {
            drug = drugs.drug(trial.drug());
        } catch (ClinicalRuleException notInLibrary) {
            return List.of(notInLibrary.getMessage());
        }
        BigDecimal dose;
        try {
            dose = new DoseQuantity(trial.dose(), trial.doseUnit()).in(drug, DoseQuantity.Kind.DOSE, "trial dose");
        } catch (ClinicalRuleException unconvertible) {
            return List.of(unconvertible.getMessage());
        }
        String unit = drug.unit().symbol();
        try {
            drug.requireDailyDoseWithinHardLimit("trial dose", dose);
            LimitCheck soft = drug.checkDailyDose(dose);
            if (soft.softLimitExceeded()) {
                findings.add("The trial dose " + dose.toPlainString() + " " + unit
                        + " is above the usual starting maximum of " + soft.softLimit().toPlainString() + " " + unit);
            }
        } catch (ClinicalRuleException hardLimit) {
            findings.add(hardLimit.getMessage());
        }
        return findings;
    }
}
