package org.itpump.dosing.api;

import org.itpump.dosing.domain.DeliveryMode;
import org.itpump.dosing.domain.Indication;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.PumpTherapy;
import org.itpump.dosing.domain.RecordedProgram;
import org.itpump.dosing.domain.RecordedRefill;
import org.itpump.dosing.domain.RecordedRefillPlan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

public record PumpTherapyView(UUID therapyId, UUID pathwayId, String patientRef, UUID implantCaseId,
                              BigDecimal reservoirVolumeMl, PumpTherapyStatus status, OffsetDateTime openedAt,
                              OffsetDateTime endedAt, String endReason, BigDecimal lowReservoirAlarmMl) {

    static PumpTherapyView of(PumpTherapy t) {
        return new PumpTherapyView(t.id(), t.pathwayId(), t.patientRef(), t.implantCaseId(), t.reservoirVolumeMl(),
                t.status(), t.openedAt(), t.endedAt(), t.endReason(), t.lowReservoirAlarmMl());
    }

    public record Program(UUID programId, String drug, String doseUnit, BigDecimal concentrationPerMl,
                          BigDecimal dailyDose, DeliveryMode mode, BigDecimal bolusDose, Integer bolusLockoutMinutes,
                          Integer maxBolusesPerDay, int libraryVersion, String overrideReason,
                          OffsetDateTime programmedAt, OffsetDateTime supersededAt, Indication indication) {
        static Program of(RecordedProgram p) {
            return new Program(p.id(), p.drug(), p.doseUnit(), p.concentrationPerMl(), p.dailyDose(), p.mode(),
                    p.bolusDose(), p.bolusLockoutMinutes(), p.maxBolusesPerDay(), p.libraryVersion(),
                    p.overrideReason(), p.programmedAt(), p.supersededAt(), p.indication());
        }
    }

    public record Refill(UUID refillId, LocalDate filledOn, BigDecimal volumeAddedMl, BigDecimal concentrationPerMl,
                         String lot, boolean firstFill, boolean diluted, BigDecimal expectedResidualMl,
                         BigDecimal measuredResidualMl, BigDecimal pocketFillThresholdMl, boolean possiblePocketFill,
                         LocalDate refillDueOn) {
        static Refill of(RecordedRefill r) {
            return new Refill(r.id(), r.filledOn(), r.volumeAddedMl(), r.concentrationPerMl(), r.lot(), r.firstFill(),
                    r.diluted(), r.expectedResidualMl(), r.measuredResidualMl(), r.pocketFillThresholdMl(),
                    r.possiblePocketFill(), r.refillDueOn());
        }
    }

    /** One refill plan: refillDueOn as planned then, and the due date it replaced. */
    public record RefillPlan(UUID refillPlanId, UUID refillId, UUID programId, String reason, String drug,
                             boolean withdrawalCritical, OffsetDateTime plannedAt, BigDecimal volumeLeftMl,
                             OffsetDateTime alarmAt, OffsetDateTime emptyAt, int safetyMarginDays, LocalDate refillDueOn,
                             LocalDate previousRefillDueOn, OffsetDateTime firstOverdueAlertAt) {
        static RefillPlan of(RecordedRefillPlan p) {
            return new RefillPlan(p.id(), p.refillId(), p.programId(), p.reason(), p.drug(), p.withdrawalCritical(),
                    p.plannedAt(), p.volumeLeftMl(), p.alarmAt(), p.emptyAt(), p.safetyMarginDays(), p.refillDueOn(),
                    p.previousRefillDueOn(), p.firstOverdueAlertAt());
        }
    }
}
