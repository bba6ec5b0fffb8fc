package org.itpump.dosing.api;

import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.store.PumpTherapyEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

public record PumpTherapyView(UUID therapyId, UUID pathwayId, String patientRef, UUID implantCaseId,
                              BigDecimal reservoirVolumeMl, PumpTherapyStatus status, OffsetDateTime openedAt) {

    static PumpTherapyView of(PumpTherapyEntity t) {
        return new PumpTherapyView(t.id, t.pathwayId, t.patientRef, t.implantCaseId, t.reservoirVolumeMl, t.status,
                t.openedAt);
    }
}
