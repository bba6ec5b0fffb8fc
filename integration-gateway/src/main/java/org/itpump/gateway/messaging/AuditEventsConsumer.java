package org.itpump.gateway.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.chassis.inbox.PoisonEventException;
import org.itpump.gateway.domain.AuditRecord;
import org.itpump.gateway.service.AuditRecords;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service's audit records (itpump.audit.events, audit.recorded: FHIR R4 AuditEvents) become the gateway's
 * AuditEvents. Consumed without an audit row of its own ({@link EventHandlers#onUnaudited}): the gateway's audit rows
 * are published on this same topic, so auditing each copy would feed itself without end. An API read of an AuditEvent
 * is audited like any read, and its record is copied once; the copy records nothing more.
 * <p>
 * A record is dead-lettered with its reason when it fails its schema (the chassis) or when the gateway cannot say who
 * acted or which patient it concerns: an agent without {@code who.identifier.value}, a Patient entity without
 * {@code what.identifier.value}.
 */
@ApplicationScoped
public class AuditEventsConsumer {

    /** What the gateway reads of audit.recorded (a FHIR AuditEvent as the chassis writes it). */
    public record AuditRecorded(String id, Coding type, String action, OffsetDateTime recorded, String outcome,
                                String outcomeDesc, List<Agent> agent, Source source, List<Entity> entity) {

        AuditRecord toRecord() {
            List<AuditRecord.Agent> agents = new ArrayList<>();
            for (Agent a : agent) {
                String who = a.who() == null || a.who().identifier() == null ? null : a.who().identifier().value();
                if (who == null || who.isBlank()) {
                    throw new PoisonEventException("audit.recorded " + id + ": an agent without who.identifier.value"
                            + " (an audit record must say who acted)");
                }
                agents.add(new AuditRecord.Agent(who, a.role() == null ? List.of()
                        : a.role().stream().map(Text::text).filter(t -> t != null && !t.isBlank()).toList(),
                        Boolean.TRUE.equals(a.requestor())));
            }
            List<String> patients = new ArrayList<>();
            List<String> objects = new ArrayList<>();
            for (Entity e : entity == null ? List.<Entity>of() : entity) {
                if (e.role() != null && OBJECT_ROLE.equals(e.role().system()) && "1".equals(e.role().code())) {
                    String ref = e.what() == null || e.what().identifier() == null ? null : e.what().identifier().value();
                    if (ref == null || ref.isBlank()) {
                        throw new PoisonEventException("audit.recorded " + id + ": a Patient entity without"
                                + " what.identifier.value (the patient reference)");
                    }
                    if (!patients.contains(ref)) {
                        patients.add(ref);
                    }
                } else if (e.what() != null && e.what().display() != null) {
                    objects.add(e.what().display());
                }
            }
            return new AuditRecord(id, new AuditRecord.Coded(type.system(), type.code(), type.display()), action,
                    recorded, outcome, outcomeDesc, agents, source.observer() == null ? null : source.observer().display(),
                    patients, objects);
        }
    }

    /** FHIR's object-role code system: code 1 is Patient. */
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

    /** A FHIR Coding. */
    public record Coding(String system, String code, String display) {
    }

    /** AuditEvent.agent: who (an identifier), roles (text), requestor. */
    public record Agent(Reference who, List<Text> role, Boolean requestor) {
    }

    /** A CodeableConcept's text. */
    public record Text(String text) {
    }

    /** A FHIR Reference by identifier or display. */
    public record Reference(Identifier identifier, String display) {
    }

    /** A FHIR Identifier. */
    public record Identifier(String system, String value) {
    }

    /** AuditEvent.source: the observer (the recording service). */
    public record Source(Reference observer) {
    }

    /** AuditEvent.entity: what, its type and role. */
    public record Entity(Reference what, Coding type, Coding role) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    AuditEventsConsumer(InboundEventProcessor processor, AuditRecords records) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .onUnaudited("audit.recorded", AuditRecorded.class, e -> records.recorded(e.toRecord()));
    }

    @Incoming("audit-events")
    public Uni<Void> onAuditEvents(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
