package org.itpump.gateway.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.gateway.service.MonitoringRecords;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The post-operative monitoring (followup.*) becomes a FHIR CarePlan, its escalations Flags. */
@ApplicationScoped
public class FollowupEventsConsumer {

    /** What the gateway reads of followup.monitoring-started. */
    public record MonitoringStarted(UUID pathwayId, String patientRef, UUID planId, OffsetDateTime startedAt) {
    }

    /** What the gateway reads of followup.visit-due. */
    public record VisitDue(UUID pathwayId, String patientRef, UUID planId, String visit, OffsetDateTime dueAt) {
    }

    /** What the gateway reads of followup.monitoring-completed. */
    public record MonitoringCompleted(UUID pathwayId, String patientRef, UUID planId, OffsetDateTime completedAt) {
    }

    /** What the gateway reads of followup.monitoring-closed. */
    public record MonitoringClosed(UUID pathwayId, String patientRef, UUID planId, OffsetDateTime closedAt) {
    }

    /** What the gateway reads of followup.complication-escalated and explant-escalated. */
    public record Escalated(UUID pathwayId, String patientRef, UUID escalationId, String urgency, String suspicion,
                            String action, OffsetDateTime escalatedAt) {
    }

    /** What the gateway reads of followup.escalation-acknowledged. */
    public record Acknowledged(UUID pathwayId, String patientRef, UUID escalationId, OffsetDateTime acknowledgedAt) {
    }

    private final InboundEventProcessor processor;
    private final MonitoringRecords records;
    private final EventHandlers handlers;

    FollowupEventsConsumer(InboundEventProcessor processor, MonitoringRecords records) {
        this.processor = processor;
        this.records = records;
        this.handlers = EventHandlers.create()
                .on("followup.monitoring-started", MonitoringStarted.class,
                        e -> records.started(e.planId(), e.pathwayId(), e.patientRef(), e.startedAt()))
                .on("followup.visit-due", VisitDue.class,
                        e -> records.visitDue(e.planId(), e.pathwayId(), e.patientRef(), e.visit(), e.dueAt()))
                .on("followup.monitoring-completed", MonitoringCompleted.class,
                        e -> records.ended(e.planId(), e.pathwayId(), e.patientRef(), true, e.completedAt()))
                .on("followup.monitoring-closed", MonitoringClosed.class,
                        e -> records.ended(e.planId(), e.pathwayId(), e.patientRef(), false, e.closedAt()))
                .on("followup.complication-escalated", Escalated.class, this::escalated)
                .on("followup.explant-escalated", Escalated.class, this::escalated)
                .on("followup.escalation-acknowledged", Acknowledged.class,
                        e -> records.acknowledged(e.escalationId(), e.pathwayId(), e.patientRef(), e.acknowledgedAt()));
    }

    private Uni<Void> escalated(Escalated e) {
        return records.escalated(e.escalationId(), e.pathwayId(), e.patientRef(), e.urgency(), e.suspicion(), e.action(),
                e.escalatedAt());
    }

    @Incoming("followup-events")
    public Uni<Void> onFollowupEvent(Message<String> message) {
        return processor.process(message, handlers);
    }
}
