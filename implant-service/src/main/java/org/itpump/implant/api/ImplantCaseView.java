package org.itpump.implant.api;

import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.WithdrawalPlan;
import org.itpump.implant.store.CaseHistoryEntity;
import org.itpump.implant.store.ImplantCaseEntity;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

public record ImplantCaseView(UUID caseId, UUID pathwayId, String patientRef, UUID trialId, int baselineNrs,
                              ImplantCaseStatus status, OffsetDateTime openedAt, Set<PreOpItem> preOpConfirmed,
                              List<PreOpItem> preOpMissing, UUID bookingId, Procedure procedure,
                              OffsetDateTime completedAt, BigDecimal reservoirVolumeMl, OffsetDateTime explantedAt,
                              ExplantReason explantReason, OffsetDateTime closedAt, String closeReason,
                              ImplantPath path, UUID replacesCaseId, ExplantReason replacementReason,
                              UUID replacedByCaseId, WithdrawalPlan withdrawalPlan) {

    /** lowReservoirAlarmMl, pumpMechanism, mriSummary: the device catalogue's facts of the pump (may be null for old cases). */
    public record Procedure(String catheterEntryLevel, String catheterTipLevel, String pumpPocketSide,
                            String deviceManufacturer, String deviceModel, String deviceSerial, String anesthesia,
                            OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal lowReservoirAlarmMl,
                            String pumpMechanism, String mriSummary) {
    }

    public record HistoryLine(OffsetDateTime at, String what, String detail) {
        static HistoryLine of(CaseHistoryEntity line) {
            return new HistoryLine(line.happenedAt, line.what, line.detail);
        }
    }

    static ImplantCaseView of(ImplantCaseEntity c) {
        Procedure procedure = c.completedAt == null ? null : new Procedure(c.catheterEntryLevel, c.catheterTipLevel,
                String.valueOf(c.pumpPocketSide), c.deviceManufacturer, c.deviceModel, c.deviceSerial,
                String.valueOf(c.anesthesia), c.procedureStartedAt, c.procedureEndedAt, c.lowReservoirAlarmMl,
                c.pumpMechanism == null ? null : c.pumpMechanism.name(), c.mriSummary);
        return new ImplantCaseView(c.id, c.pathwayId, c.patientRef, c.trialId, c.baselineNrs, c.status, c.openedAt,
                c.preOpChecklist, c.checklist().missing(), c.bookingId, procedure, c.completedAt, c.reservoirVolumeMl,
                c.explantedAt, c.explantReason, c.closedAt, c.closeReason, c.path, c.replacesCaseId, c.replacementReason,
                c.replacedByCaseId, c.withdrawalPlan());
    }
}
