package org.itpump.implant.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.implant.service.ImplantCaseService;

import java.util.List;

/** trial.passed opens an implant case, trial.cancelled closes it; other trial events are not this service's business. */
@ApplicationScoped
public class TrialEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    TrialEventsConsumer(InboundEventProcessor processor, ImplantCaseService cases) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                // the use cases' own input records are what this service reads of each event (a tolerant reader:
                // other fields are ignored)
                .on("trial.passed", ImplantCaseService.TrialPassed.class, cases::openForPassedTrial)
                .on("trial.cancelled", ImplantCaseService.TrialCancelled.class, cases::closeForCancelledTrial);
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
