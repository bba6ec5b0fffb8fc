package org.itpump.followup.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.followup.service.MonitoringPlanService;

import java.util.UUID;

/** implant.completed starts post-operative monitoring. */
@ApplicationScoped
public class ImplantEventsConsumer {

    /** What followup-service reads of implant.completed. */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, int baselineNrs) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, MonitoringPlanService plans) {
        this.processor = processor;
        this.handlers = EventHandlers.create().on("implant.completed", ImplantCompleted.class, plans::startForImplant);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<String> message) {
        return processor.process(message, "followup-service", handlers);
    }
}
