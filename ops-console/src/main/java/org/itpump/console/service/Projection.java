package org.itpump.console.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.console.domain.DeadLetter;
import org.itpump.console.domain.Lane;
import org.itpump.console.domain.PathwayFact;
import org.itpump.console.domain.PathwayFacts;
import org.itpump.console.store.ProjectionStore;
import org.itpump.console.store.ReadModel;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Applies one consumed event to the read model. Runs inside the inbox's transaction (InboundEventProcessor), so
 * the event's row, the views it changes and the NOTIFY that refreshes live pages commit together, once.
 */
@ApplicationScoped
public class Projection {

    private final ProjectionStore store;
    private final ReadModel readModel;

    Projection(ProjectionStore store, ReadModel readModel) {
        this.store = store;
        this.readModel = readModel;
    }

    /**
     * @param source ce_source, {@code id} ce_id, {@code at} ce_time; {@code payload} passed its contract's schema
     */
    public Uni<Void> apply(String source, String id, String type, String pathwayId, Instant at, JsonNode payload) {
        PathwayFact fact = PathwayFacts.describe(type, payload);
        String patientRef = text(payload, "patientRef");
        return store.appendEvent(source, id, pathwayId, patientRef, type, Lane.of(type).name(), at, fact.actor(),
                        fact.summary(), fact.clinicalDetail())
                .chain(() -> view(type, pathwayId, patientRef, payload))
                .chain(() -> store.announce(pathwayId));
    }

    /** Keeps a service's dead letter for the worklist. */
    public Uni<Void> deadLettered(DeadLetter letter) {
        return readModel.recordDeadLetter(letter);
    }

    private Uni<Void> view(String type, String pathwayId, String patientRef, JsonNode p) {
        return switch (type) {
            case "implant.case-opened" -> store.caseOpened(text(p, "caseId"), pathwayId, patientRef, instant(p, "openedAt"));
            case "implant.scheduled", "implant.rescheduled" -> store.caseBooked(text(p, "caseId"), pathwayId, patientRef,
                    text(p, "bookingId"), p.path("operatingRoom").path("id").asText(), p.path("operatingRoom").path("name").asText(),
                    p.path("surgeon").path("id").asText(), p.path("surgeon").path("name").asText(), instant(p, "start"), instant(p, "end"));
            case "implant.cancelled" -> store.bookingCancelled(text(p, "caseId"));
            case "implant.pre-op-checklist-updated" -> store.preOpChecklist(text(p, "caseId"), pathwayId, patientRef,
                    items(p.path("outstanding")), p.path("complete").asBoolean());
            case "implant.completed" -> store.caseStatus(text(p, "caseId"), "COMPLETED");
            case "implant.explanted" -> store.caseStatus(text(p, "caseId"), "EXPLANTED");
            case "implant.case-closed" -> store.caseStatus(text(p, "caseId"), "CLOSED");
            case "dosing.refill-due", "dosing.refill-overdue" -> store.refillDue(text(p, "therapyId"), pathwayId, patientRef,
                    text(p, "drug"), text(p, "refillDueDate"), text(p, "urgency"), p.path("withdrawalCritical").asBoolean(),
                    type.endsWith("overdue"));
            case "dosing.refill-recorded", "dosing.therapy-ended" -> store.refillDone(text(p, "therapyId"));
            case "followup.complication-escalated", "followup.explant-escalated" -> store.escalationRaised(
                    text(p, "escalationId"), pathwayId, patientRef, text(p, "urgency"), text(p, "suspicion"),
                    text(p, "action"), instant(p, "escalatedAt"));
            case "followup.escalation-realerted" -> store.escalationRealerted(text(p, "escalationId"), p.path("alertNumber").asInt());
            case "followup.escalation-acknowledged" -> store.escalationAcknowledged(text(p, "escalationId"),
                    text(p, "acknowledgedBy"), instant(p, "acknowledgedAt"));
            case "followup.visit-due" -> store.visitDue(text(p, "planId"), text(p, "visit"), pathwayId, patientRef,
                    instant(p, "dueAt"));
            case "followup.monitoring-closed", "followup.monitoring-completed" -> store.planEnded(text(p, "planId"));
            default -> Uni.createFrom().voidItem();
        };
    }

    /** A string array as comma-separated items (checklist items have no commas). */
    private static String items(JsonNode array) {
        java.util.List<String> items = new java.util.ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }

    private static String text(JsonNode payload, String name) {
        JsonNode value = payload.path(name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode payload, String name) {
        String value = text(payload, name);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }
}
