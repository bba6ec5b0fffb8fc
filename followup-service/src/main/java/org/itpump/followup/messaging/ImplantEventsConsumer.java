package org.itpump.followup.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.followup.service.MonitoringPlanService;
import org.itpump.followup.service.MonitoringPlanService.ImplantCompleted;
import org.itpump.followup.service.MonitoringPlanService.ImplantExplanted;

import java.util.List;

/** implant.completed starts post-operative monitoring; implant.explanted closes it. */
@ApplicationScoped
public class ImplantEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, MonitoringPlanService plans) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("implant.completed", ImplantCompleted.class, plans::startForImplant)
                .on("implant.explanted", ImplantExplanted.class, plans::closeForExplant);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
