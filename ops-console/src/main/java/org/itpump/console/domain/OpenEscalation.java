package org.itpump.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** An escalation nobody has acknowledged yet (followup.*-escalated without followup.escalation-acknowledged). */
public record OpenEscalation(UUID escalationId, UUID pathwayId, String patientRef, String urgency, String suspicion,
                             String action, Instant escalatedAt, int alertCount) {

    /** Time since it was raised, whole minutes (never negative: a clock behind the producer's reads as 0). */
    public long ageMinutes(Instant now) {
        return Math.max(0, Duration.between(escalatedAt, now).toMinutes());
    }
}
