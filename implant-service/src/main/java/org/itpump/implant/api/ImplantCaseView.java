package org.itpump.implant.api;

import org.itpump.implant.domain.CaseHistoryLine;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.PreOpItem;
import org.itpump.implant.domain.WithdrawalPlan;

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
        static HistoryLine of(CaseHistoryLine line) {
            return new HistoryLine(line.at(), line.what(), line.detail());
        }
    }

    static ImplantCaseView of(ImplantCase c) {
        ImplantCase.Implant i = c.implant();
        Procedure procedure = i == null ? null : new Procedure(i.catheterEntryLevel(), i.catheterTipLevel(),
                String.valueOf(i.pumpPocketSide()), i.pump().manufacturer(), i.pump().model(), i.pump().serialNumber(),
                String.valueOf(i.anesthesia()), i.procedureStartedAt(), i.procedureEndedAt(),
                i.pump().lowReservoirAlarmMl(), i.pump().mechanism() == null ? null : i.pump().mechanism().name(),
                i.pump().mriSummary());
        ImplantCase.Explant e = c.explant();
        ImplantCase.Closure closure = c.closure();
        return new ImplantCaseView(c.id(), c.pathwayId(), c.patientRef(), c.trialId(), c.baselineNrs(), c.status(),
                c.openedAt(), c.preOpChecklist(), c.checklist().missing(), c.bookingId(), procedure,
                i == null ? null : i.completedAt(), i == null ? null : i.pump().reservoirVolumeMl(),
                e == null ? null : e.explantedAt(), e == null ? null : e.reason(),
                closure == null ? null : closure.closedAt(), closure == null ? null : closure.reason(), c.path(),
                c.replacesCaseId(), c.replacementReason(), e == null ? null : e.replacedByCaseId(),
                e == null ? null : e.withdrawalPlan());
    }
}
