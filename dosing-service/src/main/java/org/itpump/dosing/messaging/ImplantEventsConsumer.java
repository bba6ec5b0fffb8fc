package org.itpump.dosing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.dosing.service.PumpTherapyService;
import org.itpump.dosing.service.PumpTherapyService.ImplantCompleted;
import org.itpump.dosing.service.PumpTherapyService.ImplantExplanted;

import java.util.List;

/** implant.completed opens pump therapy with the implanted pump's reservoir; implant.explanted ends it. */
@ApplicationScoped
public class ImplantEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, PumpTherapyService therapies) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("implant.completed", ImplantCompleted.class, therapies::openForImplant)
                .on("implant.explanted", ImplantExplanted.class, therapies::endForExplant);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
