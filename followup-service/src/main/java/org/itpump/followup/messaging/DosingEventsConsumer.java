package org.itpump.followup.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.followup.service.PumpDrugService;
import org.itpump.followup.service.PumpDrugService.PumpProgrammed;

import java.util.List;

/**
 * dosing.pump-programmed tells the plan which drug the pump started with (an intrathecal opioid needs 24 h of
 * observation); dosing.dose-changed keeps the current drug (a baclofen pump's explant is a withdrawal risk). Every
 * other dosing event is acknowledged and ignored.
 */
@ApplicationScoped
public class DosingEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    DosingEventsConsumer(InboundEventProcessor processor, PumpDrugService drugs) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("dosing.pump-programmed", PumpProgrammed.class,
                        p -> drugs.pumpStarted(p.pathwayId(), p.therapyId(), p.program().drug(), p.programmedAt()))
                .on("dosing.dose-changed", PumpProgrammed.class,
                        p -> drugs.pumpReprogrammed(p.pathwayId(), p.therapyId(), p.program().drug(), p.programmedAt()));
    }

    @Incoming("dosing-events")
    public Uni<Void> onDosingEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
