package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;

import java.time.OffsetDateTime;
import java.util.stream.Collectors;

/**
 * The hold a HARD dose finding puts on an undecided trial: no decision (pass or fail) until a clinician records an
 * override reason. The hold is named {@value #RULE} in every refusal. Source: issue 12 section 6.
 *
 * @param check    the dose check, or null while none has arrived (no hold: the decision does not wait for it)
 * @param override the recorded override, or null
 */
public record DoseHold(DoseCheck check, DoseOverride override) {

    public static final String RULE = "trial-dose-hard-limit";

    /** A clinician's reason to go on with a trial whose dose was found above a hard limit; by: from the token. */
    public record DoseOverride(String reason, String by, OffsetDateTime recordedAt) {
    }

    /** True while a HARD finding has no override; only an undecided trial can be held. */
    public boolean holds(TrialStatus status) {
        return status == TrialStatus.IN_PROGRESS && check != null && check.hardLimitExceeded() && override == null;
    }

    /** 409 naming the hold and its findings while the trial is held. */
    public void requireNotHeld(TrialStatus status, String action) {
        if (holds(status)) {
            throw new StateConflictException("Cannot " + action + ": the trial is on hold (" + RULE + "): the trial dose"
                    + " exceeded a hard limit of drug library v" + check.libraryVersion() + " (" + hardTexts()
                    + "); a clinician records an override reason first (POST /trials/{trialId}/dose-override)");
        }
    }

    /**
     * The override of the hold: 409 when the trial is not held (no check yet, no HARD finding, already overridden,
     * or decided or cancelled); 422 without a reason.
     */
    public DoseOverride overrideWith(TrialStatus status, String reason, String by, OffsetDateTime at) {
        status.requireInProgress("record a dose override");
        if (!holds(status)) {
            throw new StateConflictException("The trial is not on hold (" + RULE + "): "
                    + (check == null ? "no dose check has arrived from dosing-service"
                    : override != null ? "an override was recorded by " + override.by() + " at " + override.recordedAt()
                    : "its dose check found no hard limit exceeded"));
        }
        if (reason == null || reason.isBlank()) {
            throw new RuleViolationException("An override of " + RULE + " needs the clinician's reason");
        }
        return new DoseOverride(reason.strip(), by, at);
    }

    private String hardTexts() {
        return check.hardFindings().stream().map(f -> f.rule() + ": " + f.text()).collect(Collectors.joining("; "));
    }
}
