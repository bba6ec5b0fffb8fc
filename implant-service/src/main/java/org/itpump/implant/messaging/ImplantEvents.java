package org.itpump.implant.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.implant.store.ImplantCaseEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The facts implant-service publishes (contracts/schemas/implant.*.json). */
public final class ImplantEvents {

    public record CaseOpened(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, OffsetDateTime openedAt) {
    }

    public record Scheduled(UUID pathwayId, String patientRef, UUID caseId, OffsetDateTime scheduledStart) {
    }

    public record Completed(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, int baselineNrs,
                            BigDecimal reservoirVolumeMl, OffsetDateTime completedAt) {
    }

    private ImplantEvents() {
    }

    public static OutgoingEvent caseOpened(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.case-opened", c.pathwayId,
                new CaseOpened(c.pathwayId, c.patientRef, c.id, c.trialId, c.openedAt));
    }

    public static OutgoingEvent scheduled(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.scheduled", c.pathwayId,
                new Scheduled(c.pathwayId, c.patientRef, c.id, c.scheduledStart));
    }

    public static OutgoingEvent completed(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.completed", c.pathwayId, new Completed(c.pathwayId, c.patientRef, c.id,
                c.trialId, c.baselineNrs, c.reservoirVolumeMl, c.completedAt));
    }
}
