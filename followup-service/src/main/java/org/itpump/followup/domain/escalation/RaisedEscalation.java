package org.itpump.followup.domain.escalation;

import org.itpump.chassis.time.Times;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.FollowupEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One escalation raised on a plan, of a complication or of an explant ({@code complicationId} null): open until a
 * clinician acknowledges it, re-alerted every {@code reAlertEveryMinutes} until then ({@link #reAlert}).
 */
public final class RaisedEscalation {

    public static final String CAUSE_COMPLICATION = "COMPLICATION";
    public static final String CAUSE_EXPLANT = "EXPLANT";

    private final UUID id;
    private final UUID complicationId;
    private final UUID planId;
    private final String cause;
    private final String ruleId;
    private final Urgency urgency;
    private final String suspicion;
    private final String action;
    private final OffsetDateTime raisedAt;
    private final int reAlertEveryMinutes;
    private OffsetDateTime acknowledgedAt;
    private String acknowledgedBy;
    private int alertCount;
    private OffsetDateTime lastAlertedAt;

    /** An escalation as stored (persistence maps it back with this). */
    public RaisedEscalation(UUID id, UUID complicationId, UUID planId, String cause, String ruleId, Urgency urgency,
                            String suspicion, String action, OffsetDateTime raisedAt, int reAlertEveryMinutes,
                            OffsetDateTime acknowledgedAt, String acknowledgedBy, int alertCount,
                            OffsetDateTime lastAlertedAt) {
        this.id = id;
        this.complicationId = complicationId;
        this.planId = planId;
        this.cause = cause;
        this.ruleId = ruleId;
        this.urgency = urgency;
        this.suspicion = suspicion;
        this.action = action;
        this.raisedAt = raisedAt;
        this.reAlertEveryMinutes = reAlertEveryMinutes;
        this.acknowledgedAt = acknowledgedAt;
        this.acknowledgedBy = acknowledgedBy;
        this.alertCount = alertCount;
        this.lastAlertedAt = lastAlertedAt;
    }

    /** A rule's escalation raised now: its first alert is the raise itself. */
    public static RaisedEscalation raise(UUID planId, UUID complicationIdOrNull, String cause, Escalation escalation,
                                         OffsetDateTime now) {
        return new RaisedEscalation(UUID.randomUUID(), complicationIdOrNull, planId, cause, escalation.ruleId(),
                escalation.urgency(), escalation.suspicion(), escalation.action(), now,
                Math.toIntExact(escalation.reAlertEvery().toMinutes()), null, null, 1, now);
    }

    /**
     * A clinician takes the escalation on (followup.escalation-acknowledged): re-alerts stop. 409 when it was
     * already acknowledged: the first acknowledgement is the one on record.
     */
    public List<FollowupEvent> acknowledge(String by, Instant now, FollowupEvent.Plan plan) {
        if (!isOpen()) {
            throw new StateConflictException("Escalation " + id + " was already acknowledged at " + acknowledgedAt
                    + " by " + acknowledgedBy);
        }
        acknowledgedAt = Times.utc(now);
        acknowledgedBy = by;
        return List.of(new FollowupEvent.EscalationAcknowledged(plan, this));
    }

    /** Nobody has acknowledged it yet: alert again now (followup.escalation-realerted); nothing once acknowledged. */
    public List<FollowupEvent> reAlert(Instant now, FollowupEvent.Plan plan) {
        if (!isOpen()) {
            return List.of();
        }
        alertCount++;
        lastAlertedAt = Times.utc(now);
        return List.of(new FollowupEvent.EscalationReAlerted(plan, this));
    }

    public boolean isOpen() {
        return acknowledgedAt == null;
    }

    /** When the next alert falls due: one interval after the last one. */
    public Instant nextAlertAt() {
        return lastAlertedAt.toInstant().plus(Duration.ofMinutes(reAlertEveryMinutes));
    }

    /** The next alert's number (the raise is alert 1). */
    public int nextAlertNumber() {
        return alertCount + 1;
    }

    public UUID id() {
        return id;
    }

    public UUID complicationId() {
        return complicationId;
    }

    public UUID planId() {
        return planId;
    }

    public String cause() {
        return cause;
    }

    public String ruleId() {
        return ruleId;
    }

    public Urgency urgency() {
        return urgency;
    }

    public String suspicion() {
        return suspicion;
    }

    public String action() {
        return action;
    }

    public OffsetDateTime raisedAt() {
        return raisedAt;
    }

    public int reAlertEveryMinutes() {
        return reAlertEveryMinutes;
    }

    public OffsetDateTime acknowledgedAt() {
        return acknowledgedAt;
    }

    public String acknowledgedBy() {
        return acknowledgedBy;
    }

    public int alertCount() {
        return alertCount;
    }

    public OffsetDateTime lastAlertedAt() {
        return lastAlertedAt;
    }
}
