package org.itpump.dosing.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.dosing.store.PumpTherapyEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The facts dosing-service publishes (contracts/schemas/dosing.*.json). */
public final class DosingEvents {

    public record TherapyOpened(UUID pathwayId, String patientRef, UUID therapyId, UUID implantCaseId,
                                BigDecimal reservoirVolumeMl, OffsetDateTime openedAt) {
    }

    private DosingEvents() {
    }

    public static OutgoingEvent therapyOpened(PumpTherapyEntity t) {
        return new OutgoingEvent("dosing.therapy-opened", t.pathwayId, new TherapyOpened(t.pathwayId, t.patientRef,
                t.id, t.implantCaseId, t.reservoirVolumeMl, t.openedAt));
    }
}
