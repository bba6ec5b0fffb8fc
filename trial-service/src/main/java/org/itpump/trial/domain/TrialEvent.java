package org.itpump.trial.domain;

/**
 * What a trial's acts caused, each carrying the trial as it stood after the act. messaging/ turns them into the
 * published contract payloads (contracts/schemas/trial.*.json).
 */
public sealed interface TrialEvent {

    /** The trial after the act. */
    Trial trial();

    /** The trial started (trial.started). */
    record Started(Trial trial) implements TrialEvent {
    }

    /** A post-dose assessment was recorded (trial.assessment-recorded). */
    record AssessmentRecorded(Trial trial, PainAssessment assessment) implements TrialEvent {
    }

    /** The trial was decided (trial.passed or trial.failed); decision: its figures, with the assessment count. */
    record Decided(Trial trial, ReliefDecision decision) implements TrialEvent {
    }

    /** A clinician released the hold of a HARD dose finding (trial.dose-override-recorded). */
    record DoseOverrideRecorded(Trial trial) implements TrialEvent {
    }

    /** The trial was cancelled (trial.cancelled) from {@code previousStatus}. */
    record Cancelled(Trial trial, TrialStatus previousStatus) implements TrialEvent {
    }
}
