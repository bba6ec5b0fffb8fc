package org.itpump.console.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.events.EventContracts;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.console.service.Projection;

/**
 * Every event type of every pathway topic (contracts/asyncapi.yaml), through the chassis inbox: checked envelope,
 * schema-valid payload, applied once. The console reads whole payloads (a JsonNode), because the timeline shows
 * every fact; it still depends on contracts only, never on another service's classes.
 */
@ApplicationScoped
public class PathwayEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers trial;
    private final EventHandlers implant;
    private final EventHandlers dosing;
    private final EventHandlers followup;

    PathwayEventsConsumer(InboundEventProcessor processor, EventContracts contracts, Projection projection) {
        this.processor = processor;
        this.trial = handlers(contracts, "itpump.trial.events", projection);
        this.implant = handlers(contracts, "itpump.implant.events", projection);
        this.dosing = handlers(contracts, "itpump.dosing.events", projection);
        this.followup = handlers(contracts, "itpump.followup.events", projection);
    }

    private static EventHandlers handlers(EventContracts contracts, String topic, Projection projection) {
        EventHandlers handlers = EventHandlers.create();
        contracts.eventTypes().stream().filter(type -> topic.equals(contracts.topicOf(type)))
                .forEach(type -> handlers.onEvent(type, JsonNode.class, (event, payload) -> projection.apply(
                        event.source(), event.id(), event.type(), event.pathwayId(), event.time().toInstant(), payload)));
        return handlers;
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<String> message) {
        return processor.process(message, trial);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<String> message) {
        return processor.process(message, implant);
    }

    @Incoming("dosing-events")
    public Uni<Void> onDosingEvent(Message<String> message) {
        return processor.process(message, dosing);
    }

    @Incoming("followup-events")
    public Uni<Void> onFollowupEvent(Message<String> message) {
        return processor.process(message, followup);
    }
}
