package org.itpump.followup.domain.escalation;

import java.time.Duration;

/**
 * Declared most urgent first: natural order sorts escalations the way they must be handled. Each carries the
 * interval at which an unacknowledged escalation is re-alerted unless its rule sets its own (hospital escalation
 * policy, not a label: for clinical review).
 */
public enum Urgency {
    /** Now: emergency department or on-call neurosurgery/anaesthesia. Re-alerted every 5 minutes. */
    EMERGENCY(Duration.ofMinutes(5)),
    /** Same day, by the implanting team. Re-alerted every 30 minutes. */
    URGENT(Duration.ofMinutes(30)),
    /** At the next planned visit or within days. Re-alerted daily. */
    ROUTINE(Duration.ofHours(24));

    private final Duration defaultReAlertEvery;

    Urgency(Duration defaultReAlertEvery) {
        this.defaultReAlertEvery = defaultReAlertEvery;
    }

    public Duration defaultReAlertEvery() {
        return defaultReAlertEvery;
    }
}
