package org.itpump.implant.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.WithdrawalPlan;
import org.itpump.implant.store.ImplantCaseEntity;
import org.itpump.implant.store.OperatingRoomEntity;
import org.itpump.implant.store.SurgeonEntity;
import org.itpump.implant.store.TheatreBookingEntity;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The facts implant-service publishes (contracts/schemas/implant.*.json). Booking events carry what an
 * HL7 v2 SIU feed needs: scheduled (S12 new), rescheduled (S13), cancelled (S15).
 */
public final class ImplantEvents {

    /** The procedure booked, as SIU's AIS segment names it. */
    public static final Procedure PROCEDURE = new Procedure("CPT", "62362",
            "Implantation of intrathecal drug delivery pump with intrathecal catheter");

    public record Procedure(String codingSystem, String code, String description) {
    }

    public record Resource(UUID id, String name) {
    }

    /** path TRIAL (a passed trial) or REPLACEMENT (replacesCaseId: the case whose pump it replaces, and why). */
    public record CaseOpened(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, OffsetDateTime openedAt,
                             ImplantPath path, UUID replacesCaseId, ExplantReason replacementReason) {
    }

    public record CaseClosed(UUID pathwayId, String patientRef, UUID caseId, String reason, OffsetDateTime closedAt) {
    }

    public record Appointment(UUID pathwayId, String patientRef, UUID caseId, UUID bookingId, String appointmentStatus,
                              OffsetDateTime start, OffsetDateTime end, long durationMinutes, Resource operatingRoom,
                              Resource surgeon, Procedure procedure, String reason, OffsetDateTime previousStart) {
    }

    /**
     * The implanted pump. The fields after reservoirVolumeMl are the device catalogue's facts of the model (issue 12
     * section 2): the low-reservoir alarm volume in mL (the pump's default; with its programmable range, if any),
     * the mechanism, the MRI conditions and the catalogue entry's source. Null (left out) only for a case completed
     * before the catalogue existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String manufacturer, String model, String serialNumber, BigDecimal reservoirVolumeMl,
                         BigDecimal lowReservoirAlarmMl, AlarmRange lowReservoirAlarmRangeMl, String mechanism,
                         Mri mri, String catalogueSource) {

        static Device of(ImplantCaseEntity c) {
            return new Device(c.deviceManufacturer, c.deviceModel, c.deviceSerial, c.reservoirVolumeMl,
                    c.lowReservoirAlarmMl,
                    c.lowReservoirAlarmMinMl == null ? null : new AlarmRange(c.lowReservoirAlarmMinMl, c.lowReservoirAlarmMaxMl),
                    c.pumpMechanism == null ? null : c.pumpMechanism.name(),
                    c.mriSafety == null ? null : new Mri(c.mriSafety.name(), c.mriSummary,
                            c.mriConditions == null || c.mriConditions.isEmpty() ? List.of() : List.of(c.mriConditions.split("\n")),
                            c.mriSource),
                    c.deviceCatalogueSource);
        }
    }

    /** A programmable low-reservoir alarm's range, mL. */
    public record AlarmRange(BigDecimal minMl, BigDecimal maxMl) {
    }

    /** MRI safety term (MR_CONDITIONAL...), a one-line summary, the conditions and their source. */
    public record Mri(String safety, String summary, List<String> conditions, String source) {
    }

    public record Completed(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, int baselineNrs,
                            BigDecimal reservoirVolumeMl, Device device, String catheterEntryLevel,
                            String catheterTipLevel, String pumpPocketSide, String anesthesia,
                            OffsetDateTime procedureStartedAt, OffsetDateTime procedureEndedAt,
                            OffsetDateTime completedAt, ImplantPath path, UUID replacesCaseId) {
    }

    /**
     * replacedByCaseId: the replacement case whose surgery removed this pump (the drug goes on in the new pump);
     * withdrawalPlan: how the drug is withdrawn, recorded with an explant planned in advance. Both may be null.
     */
    public record Explanted(UUID pathwayId, String patientRef, UUID caseId, ExplantReason reason,
                            OffsetDateTime explantedAt, UUID replacedByCaseId, WithdrawalPlanFacts withdrawalPlan) {
    }

    public record WithdrawalPlanFacts(WithdrawalPlan.Kind kind, LocalDate startedOn, String detail) {
        static WithdrawalPlanFacts of(WithdrawalPlan plan) {
            return plan == null ? null : new WithdrawalPlanFacts(plan.kind(), plan.startedOn(), plan.detail());
        }
    }

    private ImplantEvents() {
    }

    public static OutgoingEvent caseOpened(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.case-opened", c.pathwayId,
                new CaseOpened(c.pathwayId, c.patientRef, c.id, c.trialId, c.openedAt, c.path, c.replacesCaseId,
                        c.replacementReason));
    }

    public static OutgoingEvent caseClosed(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.case-closed", c.pathwayId,
                new CaseClosed(c.pathwayId, c.patientRef, c.id, c.closeReason, c.closedAt));
    }

    /** type: implant.scheduled, implant.rescheduled or implant.cancelled. */
    public static OutgoingEvent appointment(String type, ImplantCaseEntity c, TheatreBookingEntity b,
                                           OperatingRoomEntity room, SurgeonEntity surgeon, String reason,
                                           OffsetDateTime previousStart) {
        return new OutgoingEvent(type, c.pathwayId, new Appointment(c.pathwayId, c.patientRef, c.id, b.id, b.status,
                b.startsAt, b.endsAt, Duration.between(b.startsAt, b.endsAt).toMinutes(),
                new Resource(room.id, room.name), new Resource(surgeon.id, surgeon.name), PROCEDURE, reason,
                previousStart));
    }

    public static OutgoingEvent completed(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.completed", c.pathwayId, new Completed(c.pathwayId, c.patientRef, c.id,
                c.trialId, c.baselineNrs, c.reservoirVolumeMl,
                Device.of(c),
                c.catheterEntryLevel, c.catheterTipLevel, c.pumpPocketSide.name(), c.anesthesia.name(),
                c.procedureStartedAt, c.procedureEndedAt, c.completedAt, c.path, c.replacesCaseId));
    }

    public static OutgoingEvent explanted(ImplantCaseEntity c) {
        return new OutgoingEvent("implant.explanted", c.pathwayId,
                new Explanted(c.pathwayId, c.patientRef, c.id, c.explantReason, c.explantedAt, c.replacedByCaseId,
                        WithdrawalPlanFacts.of(c.withdrawalPlan())));
    }
}
