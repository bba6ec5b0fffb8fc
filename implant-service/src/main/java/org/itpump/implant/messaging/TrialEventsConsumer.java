package org.itpump.implant.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.implant.service.ImplantCaseService;

import java.util.UUID;

/** trial.passed opens an implant case, trial.cancelled closes it; other trial events are not this service's business. */
@ApplicationScoped
public class TrialEventsConsumer {

    /** What implant-service reads of trial.passed (a tolerant reader: other fields are ignored). */
    public record TrialPassed(UUID pathwayId, String patientRef, UUID trialId, int baselineNrs) {
    }

    /** What implant-service reads of trial.cancelled. */
    public record TrialCancelled(UUID pathwayId, UUID trialId, String reason) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    TrialEventsConsumer(InboundEventProcessor processor, ImplantCaseService cases) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("trial.passed", TrialPassed.class, cases::openForPassedTrial)
                .on("trial.cancelled", TrialCancelled.class, cases::closeForCancelledTrial);
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<String> message) {
        return processor.process(message, handlers);
    }
}
