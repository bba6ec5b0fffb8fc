package org.itpump.dosing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.dosing.service.TrialDoseCheck;
import org.itpump.dosing.service.TrialDoseCheck.TrialStarted;

import java.util.List;

/** trial.started: the trial's drug and dose are checked against the drug library. */
@ApplicationScoped
public class TrialEventsConsumer {

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    TrialEventsConsumer(InboundEventProcessor processor, TrialDoseCheck check) {
        this.processor = processor;
        this.handlers = EventHandlers.create().on("trial.started", TrialStarted.class, check::check);
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
