package org.itpump.trial.domain;

/** Why the clinician cancelled a trial. */
public enum CancellationReason {
    COMPLICATION, PATIENT_WITHDREW, OTHER
}
