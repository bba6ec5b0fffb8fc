package org.itpump.dosing.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.dosing.domain.RefillPlan;
import org.itpump.dosing.service.PumpTherapyService;

import java.math.BigDecimal;
import java.util.UUID;

/** implant.completed opens pump therapy with the implanted pump's reservoir; implant.explanted ends it. */
@ApplicationScoped
public class ImplantEventsConsumer {

    /**
     * What dosing-service reads of implant.completed: device is optional for this reader (its
     * lowReservoirAlarmMl came with issue 12 section 2; older events have none).
     */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, BigDecimal reservoirVolumeMl,
                                   Device device) {

        /**
         * The pump's low-reservoir alarm volume in mL, from the implant's device catalogue; an event without it
         * (published before the catalogue) gets the 2 mL that dosing assumed for every pump until then.
         */
        public BigDecimal lowReservoirAlarmMl() {
            return device == null || device.lowReservoirAlarmMl() == null ? RefillPlan.DEFAULT_ALARM_VOLUME_ML
                    : device.lowReservoirAlarmMl();
        }
    }

    /** What dosing-service reads of implant.completed's device. */
    public record Device(BigDecimal lowReservoirAlarmMl) {
    }

    /** What dosing-service reads of implant.explanted. */
    public record ImplantExplanted(UUID pathwayId, UUID caseId) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers handlers;

    ImplantEventsConsumer(InboundEventProcessor processor, PumpTherapyService therapies) {
        this.processor = processor;
        this.handlers = EventHandlers.create()
                .on("implant.completed", ImplantCompleted.class, therapies::openForImplant)
                .on("implant.explanted", ImplantExplanted.class, therapies::endForExplant);
    }

    @Incoming("implant-events")
    public Uni<Void> onImplantEvent(Message<String> message) {
        return processor.process(message, handlers);
    }
}
