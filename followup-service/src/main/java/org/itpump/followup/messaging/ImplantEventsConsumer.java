package org.itpump.followup.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.followup.service.MonitoringPlanService;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** implant.completed starts post-operative monitoring; implant.explanted closes it. */
@ApplicationScoped
public class ImplantEventsConsumer {

    /**
     * What followup-service reads of implant.completed: the plan's dates count from procedureEndedAt (the surgery's
     * end), falling back to completedAt only for a producer that does not send it; the device gives the MRI advice.
     */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, int baselineNrs,
                                   OffsetDateTime completedAt, OffsetDateTime procedureEndedAt, Device device) {

        public OffsetDateTime planStartsAt() {
            return procedureEndedAt != null ? procedureEndedAt : completedAt;
        }
    }

    /** The implanted pump. */
    public record Device(String manufacturer, String model) {
    }

    /**
     * What followup-service reads of implant.explanted. replacedByCaseId: the pump came out in its replacement's
     * surgery (the drug goes on in the new pump); withdrawalPlan: the taper or oral bridge recorded with a planned
     * explant. Both absent from producers before issue 13. The reason is read as text (e.g. BATTERY_END_OF_LIFE).
     */
    public record ImplantExplanted(UUID pathwayId, UUID caseId, String reason, OffsetDateTime explantedAt,
                                   UUID replacedByCaseId, WithdrawalPlan withdrawalPlan) {

        public boolean replaced() {
            return replacedByCaseId != null;
        }
    }

    /** The withdrawal plan of implant.explanted; kind read as text. */
    public record WithdrawalPlan(String kind, LocalDate startedOn, String detail) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, MonitoringPlanService plans) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("implant.completed", ImplantCompleted.class, plans::startForImplant)
                .on("implant.explanted", ImplantExplanted.class, plans::closeForExplant);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<String> message) {
        return processor.process(message, handlers);
    }
}
