package org.itpump.followup.domain.escalation;

/** Declared most urgent first: natural order sorts escalations the way they must be handled. */
public enum Urgency {
    /** Now: emergency department or on-call neurosurgery/anaesthesia. */
    EMERGENCY,
    /** Same day, by the implanting team. */
    URGENT,
    /** At the next planned visit or within days. */
    ROUTINE
}
