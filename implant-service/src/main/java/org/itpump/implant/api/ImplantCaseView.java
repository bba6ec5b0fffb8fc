package org.itpump.implant.api;

import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.store.ImplantCaseEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

public record ImplantCaseView(UUID caseId, UUID pathwayId, String patientRef, UUID trialId, int baselineNrs,
                              ImplantCaseStatus status, OffsetDateTime openedAt, OffsetDateTime scheduledStart,
                              OffsetDateTime completedAt, BigDecimal reservoirVolumeMl) {

    static ImplantCaseView of(ImplantCaseEntity c) {
        return new ImplantCaseView(c.id, c.pathwayId, c.patientRef, c.trialId, c.baselineNrs, c.status, c.openedAt,
                c.scheduledStart, c.completedAt, c.reservoirVolumeMl);
    }
}
