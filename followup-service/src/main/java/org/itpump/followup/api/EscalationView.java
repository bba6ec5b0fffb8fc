package org.itpump.followup.api;

import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.followup.service.ComplicationService.EscalationWithPlan;
import org.itpump.followup.domain.escalation.RaisedEscalation;

import java.time.OffsetDateTime;
import java.util.UUID;

public record EscalationView(UUID escalationId, UUID planId, UUID pathwayId, String patientRef, UUID complicationId,
                             String ruleId, Urgency urgency, String suspicion, String action, OffsetDateTime raisedAt,
                             boolean open, OffsetDateTime acknowledgedAt, String acknowledgedBy, String cause,
                             int alertCount, OffsetDateTime lastAlertedAt, int reAlertEveryMinutes) {

    static EscalationView of(EscalationWithPlan row) {
        RaisedEscalation e = row.escalation();
        return new EscalationView(e.id(), e.planId(), row.plan().pathwayId(), row.plan().patientRef(),
                e.complicationId(), e.ruleId(), e.urgency(), e.suspicion(), e.action(), e.raisedAt(), e.isOpen(),
                e.acknowledgedAt(), e.acknowledgedBy(), e.cause(), e.alertCount(), e.lastAlertedAt(),
                e.reAlertEveryMinutes());
    }
}
