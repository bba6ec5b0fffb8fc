package org.itpump.trial.domain;

/** What must be documented before a screening trial may start. */
public enum EligibilityItem {
    FAILED_CONSERVATIVE_THERAPY_DOCUMENTED,
    PSYCHOLOGICAL_EVALUATION_CLEARED,
    NO_ACTIVE_INFECTION,
    ANTICOAGULATION_PLAN,
    INFORMED_CONSENT
}
