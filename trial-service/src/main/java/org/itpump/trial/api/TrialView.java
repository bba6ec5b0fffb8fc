package org.itpump.trial.api;

import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.PainAssessment;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A trial as ops and clinicians see it: its assessments and, once decided, the decision's figures. */
public record TrialView(UUID trialId, UUID pathwayId, UUID candidateId, String patientRef, Indication indication,
                        TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit, int baselineNrs,
                        TrialStatus status, OffsetDateTime startedAt, OffsetDateTime windowEndsAt,
                        List<Assessment> assessments, Decision decision, Cancellation cancellation,
                        DoseCheckView doseCheck) {

    public record Assessment(UUID assessmentId, int nrs, int minutesSinceDose, BigDecimal oralMmePerDay,
                             Integer functionScore, OffsetDateTime assessedAt) {
        static Assessment of(PainAssessment a) {
            return new Assessment(a.id(), a.nrs(), a.minutesSinceDose(), a.oralMmePerDay(), a.functionScore(),
                    a.assessedAt());
        }
    }

    public record Decision(boolean passed, BigDecimal reliefPercent, BigDecimal meanAssessedNrs,
                           BigDecimal thresholdPercent, OffsetDateTime decidedAt) {
    }

    /** note: the clinician's free text, never published; left out of the answer when there is none (and for integration). */
    public record Cancellation(CancellationReason reason,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String note,
                               OffsetDateTime cancelledAt) {
    }

    /**
     * dosing-service's check of the trial dose (null until it has arrived). onHold: a HARD finding without an
     * override holds the undecided trial (rule trial-dose-hard-limit); SOFT findings are shown only.
     */
    public record DoseCheckView(int libraryVersion, boolean withinLimits, boolean onHold, List<Finding> findings,
                                OffsetDateTime checkedAt, DoseOverrideView override) {
    }

    public record Finding(String limit, String rule, String text) {
    }

    /** overriddenBy: the clinician, from the bearer token. */
    public record DoseOverrideView(String reason, String overriddenBy, OffsetDateTime recordedAt) {
    }

    /** {@code assessments} null: a list view, without them. */
    static TrialView of(Trial t, List<PainAssessment> assessments) {
        Trial.Decision d = t.decision();
        Decision decision = d == null ? null
                : new Decision(d.passed(), d.reliefPercent(), d.meanAssessedNrs(), d.thresholdPercent(), d.decidedAt());
        Trial.Cancellation c = t.cancellation();
        Cancellation cancellation = c == null ? null : new Cancellation(c.reason(), c.note(), c.cancelledAt());
        return new TrialView(t.id(), t.pathwayId(), t.candidateId(), t.patientRef(), t.indication(), t.trialType(),
                t.drug(), t.dose(), t.doseUnit(), t.baselineNrs(), t.status(), t.startedAt(), t.windowEndsAt(),
                assessments == null ? null : assessments.stream().map(Assessment::of).toList(), decision, cancellation,
                doseCheck(t));
    }

    private static DoseCheckView doseCheck(Trial t) {
        DoseHold hold = t.doseHold();
        if (hold.check() == null) {
            return null;
        }
        DoseHold.DoseOverride override = hold.override();
        return new DoseCheckView(hold.check().libraryVersion(), hold.check().withinLimits(), hold.holds(t.status()),
                hold.check().findings().stream().map(f -> new Finding(f.limit(), f.rule(), f.text())).toList(),
                t.doseCheckedAt(), override == null ? null
                : new DoseOverrideView(override.reason(), override.by(), override.recordedAt()));
    }
}
