package org.itpump.trial.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.trial.domain.DoseCheck;
import org.itpump.trial.service.TrialService;

import java.util.List;
import java.util.UUID;

/**
 * dosing.trial-dose-checked: what dosing-service found about the trial's drug and dose; a HARD finding holds the
 * trial until a clinician records an override (issue 12 section 6). Every other dosing event is acknowledged and
 * ignored. A check for a trial this service does not know (yet) is held, then dead-lettered
 * (itpump.trial-service.dlq).
 */
@ApplicationScoped
public class DosingEventsConsumer {

    /** What trial-service reads of dosing.trial-dose-checked (a tolerant reader: other fields are ignored). */
    public record TrialDoseChecked(UUID pathwayId, UUID trialId, int libraryVersion, boolean withinLimits,
                                   List<String> findings, List<FindingDetail> findingDetails) {
    }

    /** One of findingDetails: limit HARD or SOFT, the rule and the text. */
    public record FindingDetail(String limit, String rule, String text) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    DosingEventsConsumer(InboundEventProcessor processor, TrialService trials) {
        this.processor = processor;
        this.handlers = EventHandlers.create().on("dosing.trial-dose-checked", TrialDoseChecked.class,
                checked -> trials.recordDoseCheck(new TrialService.DoseChecked(checked.trialId(), checked.pathwayId(),
                        DoseCheck.of(checked.libraryVersion(), checked.withinLimits(), checked.findings(),
                                checked.findingDetails() == null ? null : checked.findingDetails().stream()
                                        .map(f -> new DoseCheck.Finding(f.limit(), f.rule(), f.text())).toList()))));
    }

    @Incoming("dosing-events")
    public Uni<Void> onDosingEvent(Message<List<String>> batch) {
        return processor.processBatch(batch, handlers); // one poll, one transaction
    }
}
