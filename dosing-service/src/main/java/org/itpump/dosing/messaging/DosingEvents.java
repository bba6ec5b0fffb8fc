package org.itpump.dosing.messaging;

import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.DoseUnit;
import org.itpump.dosing.domain.LibraryChange;
import org.itpump.dosing.domain.LimitOverride;
import org.itpump.dosing.store.PumpProgramEntity;
import org.itpump.dosing.store.PumpTherapyEntity;
import org.itpump.dosing.store.RefillEntity;
import org.itpump.dosing.store.RefillPlanEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The facts dosing-service publishes (contracts/schemas/dosing.*.json). */
public final class DosingEvents {

    public record TherapyOpened(UUID pathwayId, String patientRef, UUID therapyId, UUID implantCaseId,
                                BigDecimal reservoirVolumeMl, OffsetDateTime openedAt, BigDecimal lowReservoirAlarmMl) {
    }

    /** findings: the texts (as before); findingDetails: the same findings with their limit (HARD, SOFT) and rule. */
    public record TrialDoseChecked(UUID pathwayId, String patientRef, UUID trialId, String drug, BigDecimal dose,
                                   String doseUnit, int libraryVersion, boolean withinLimits, List<String> findings,
                                   List<TrialDoseFinding> findingDetails) {
    }

    /**
     * One finding of the trial dose check: limit HARD (a hard limit, or the dose could not be checked) or SOFT
     * (above the usual starting maximum), the rule it names and its text.
     */
    public record TrialDoseFinding(String limit, String rule, String text) {
        public static TrialDoseFinding hard(String rule, String text) {
            return new TrialDoseFinding("HARD", rule, text);
        }

        public static TrialDoseFinding soft(String rule, String text) {
            return new TrialDoseFinding("SOFT", rule, text);
        }
    }

    /** Doses in the drug's unit: doseUnit as the library spells it, and each figure's UCUM unit. */
    public record Program(String drug, String doseUnit, BigDecimal concentrationPerMl, String concentrationUnit,
                          BigDecimal dailyDose, String dailyDoseUnit, String mode, BigDecimal bolusDose,
                          String bolusDoseUnit, Integer bolusLockoutMinutes, Integer maxBolusesPerDay,
                          int libraryVersion, String indication) {
        static Program of(PumpProgramEntity p) {
            if (p == null) {
                return null;
            }
            DoseUnit unit = DoseUnit.ofSymbol(p.doseUnit);
            return new Program(p.drug, p.doseUnit, p.concentrationPerMl, DoseQuantity.Kind.CONCENTRATION.ucum(unit),
                    p.dailyDose, DoseQuantity.Kind.DAILY_DOSE.ucum(unit), p.mode.name(), p.bolusDose,
                    p.bolusDose == null ? null : DoseQuantity.Kind.DOSE.ucum(unit), p.bolusLockoutMinutes,
                    p.maxBolusesPerDay, p.libraryVersion, p.indication == null ? null : p.indication.name());
        }
    }

    public record Programmed(UUID pathwayId, String patientRef, UUID therapyId, UUID programId, Program program,
                             Program previous, OffsetDateTime programmedAt) {
    }

    public record LimitOverridden(UUID pathwayId, String patientRef, UUID therapyId, UUID programId, String drug,
                                  BigDecimal dailyDose, BigDecimal softLimit, String doseUnit, String dailyDoseUnit,
                                  String rule, String reason, int libraryVersion) {
    }

    public record RefillRecorded(UUID pathwayId, String patientRef, UUID therapyId, UUID refillId, LocalDate filledOn,
                                 BigDecimal volumeAddedMl, BigDecimal concentrationPerMl, String concentrationUnit,
                                 String lot, BigDecimal expectedResidualMl, BigDecimal measuredResidualMl,
                                 BigDecimal pocketFillThresholdMl, boolean possiblePocketFill, LocalDate refillDueDate,
                                 boolean firstFill) {
    }

    public record RefillReminder(UUID pathwayId, String patientRef, UUID therapyId, String drug, LocalDate refillDueDate,
                                 String urgency, boolean withdrawalCritical, OffsetDateTime emptyAt) {
    }

    public record RefillReplanned(UUID pathwayId, String patientRef, UUID therapyId, UUID refillId, UUID programId,
                                  String drug, String reason, LocalDate previousRefillDueDate, LocalDate refillDueDate,
                                  BigDecimal volumeLeftMl, OffsetDateTime alarmAt, OffsetDateTime emptyAt,
                                  int safetyMarginDays, OffsetDateTime firstOverdueAlertAt, OffsetDateTime plannedAt) {
    }

    public record OverdueAcknowledged(UUID pathwayId, String patientRef, UUID therapyId, String drug,
                                      LocalDate refillDueDate, String reason, OffsetDateTime acknowledgedAt) {
    }

    /** One limit a program in force breaks in the new library version (values in ucumUnit, null for DRUG_REMOVED). */
    public record LimitFinding(String limit, BigDecimal limitValue, BigDecimal programValue, String unit) {
    }

    public record LibraryChangeAcknowledged(UUID pathwayId, String patientRef, UUID therapyId, UUID programId,
                                            String drug, int programLibraryVersion, int libraryVersion,
                                            List<LimitFinding> findings, String reason, String acknowledgedBy,
                                            OffsetDateTime acknowledgedAt, int affectedTherapies) {
    }

    public record RefillTimerFailing(UUID pathwayId, String patientRef, UUID therapyId, String timer, String drug,
                                     String urgency, int failures, String lastFailure, OffsetDateTime dueAt,
                                     OffsetDateTime nextAttemptAt) {
    }

    public record TherapyEnded(UUID pathwayId, String patientRef, UUID therapyId, String reason, OffsetDateTime endedAt) {
    }

    private DosingEvents() {
    }

    public static OutgoingEvent therapyOpened(PumpTherapyEntity t) {
        return new OutgoingEvent("dosing.therapy-opened", t.pathwayId, new TherapyOpened(t.pathwayId, t.patientRef,
                t.id, t.implantCaseId, t.reservoirVolumeMl, t.openedAt, t.lowReservoirAlarmMl));
    }

    public static OutgoingEvent trialDoseChecked(UUID pathwayId, TrialDoseChecked checked) {
        return new OutgoingEvent("dosing.trial-dose-checked", pathwayId, checked);
    }

    /** The first program is dosing.pump-programmed; every later one is dosing.dose-changed. */
    public static OutgoingEvent programmed(PumpTherapyEntity t, PumpProgramEntity program, PumpProgramEntity previous) {
        return new OutgoingEvent(previous == null ? "dosing.pump-programmed" : "dosing.dose-changed", t.pathwayId,
                new Programmed(t.pathwayId, t.patientRef, t.id, program.id, Program.of(program), Program.of(previous),
                        program.programmedAt));
    }

    public static OutgoingEvent limitOverride(PumpTherapyEntity t, PumpProgramEntity program, LimitOverride override) {
        return new OutgoingEvent("dosing.limit-override", t.pathwayId, new LimitOverridden(t.pathwayId, t.patientRef,
                t.id, program.id, override.drugCode(), override.dailyDose(), override.softLimit(),
                override.unit().symbol(), DoseQuantity.Kind.DAILY_DOSE.ucum(override.unit()), override.rule().name(),
                override.reason(), program.libraryVersion));
    }

    public static OutgoingEvent refillRecorded(PumpTherapyEntity t, RefillEntity r, DoseUnit unit) {
        return new OutgoingEvent("dosing.refill-recorded", t.pathwayId, new RefillRecorded(t.pathwayId, t.patientRef,
                t.id, r.id, r.filledOn, r.volumeAddedMl, r.concentrationPerMl, DoseQuantity.Kind.CONCENTRATION.ucum(unit), r.lot, r.expectedResidualMl,
                r.measuredResidualMl, r.pocketFillThresholdMl, r.possiblePocketFill, r.refillDueOn, r.firstFill));
    }

    /**
     * type: dosing.refill-due (ahead of the date) or dosing.refill-overdue (from the plan's first overdue alert,
     * repeating), from the plan in force; overdue is URGENT for a withdrawal-critical drug, else HIGH.
     */
    public static OutgoingEvent refillReminder(String type, PumpTherapyEntity t, RefillPlanEntity plan) {
        boolean overdue = type.endsWith("overdue");
        String urgency = overdue && plan.withdrawalCritical ? "URGENT" : overdue ? "HIGH" : "ROUTINE";
        return new OutgoingEvent(type, t.pathwayId, new RefillReminder(t.pathwayId, t.patientRef, t.id, plan.drug,
                plan.refillDueOn, urgency, plan.withdrawalCritical, plan.emptyAt));
    }

    /** A refill plan made again (the program changed): the old and the new due date, and why. */
    public static OutgoingEvent refillReplanned(PumpTherapyEntity t, RefillPlanEntity p) {
        return new OutgoingEvent("dosing.refill-replanned", t.pathwayId, new RefillReplanned(t.pathwayId, t.patientRef,
                t.id, p.refillId, p.programId, p.drug, p.reason, p.previousRefillDueOn, p.refillDueOn, p.volumeLeftMl,
                p.alarmAt, p.emptyAt, p.safetyMarginDays, p.firstOverdueAlertAt, p.plannedAt));
    }

    public static OutgoingEvent overdueAcknowledged(PumpTherapyEntity t, RefillPlanEntity p, String reason,
                                                    OffsetDateTime at) {
        return new OutgoingEvent("dosing.refill-overdue-acknowledged", t.pathwayId, new OverdueAcknowledged(t.pathwayId,
                t.patientRef, t.id, p.drug, p.refillDueOn, reason, at));
    }

    /**
     * Pharmacy published a drug library version that this therapy's program in force breaks, acknowledging it
     * with a reason: one event per affected therapy, on its pathway (issue 12 section 4).
     */
    public static OutgoingEvent libraryChangeAcknowledged(LibraryChange.AffectedTherapy affected, int libraryVersion,
                                                          String reason, String acknowledgedBy, OffsetDateTime at,
                                                          int affectedTherapies) {
        LibraryChange.ProgramInForce p = affected.program();
        return new OutgoingEvent("dosing.library-change-acknowledged", p.pathwayId(), new LibraryChangeAcknowledged(
                p.pathwayId(), p.patientRef(), p.therapyId(), p.programId(), p.drug(), p.libraryVersion(), libraryVersion,
                affected.findings().stream().map(f -> new LimitFinding(f.limit().name(), f.limitValue(), f.programValue(),
                        f.ucumUnit())).toList(), reason, acknowledgedBy, at, affectedTherapies));
    }

    /**
     * A refill timer (refill-due or refill-overdue) has failed to fire this many times in a row: its reminder is not
     * going out, so staff must look (URGENT for a withdrawal-critical drug, else HIGH). plan may be null.
     */
    public static OutgoingEvent refillTimerFailing(PumpTherapyEntity t, RefillPlanEntity plan, String timer, int failures,
                                                   String lastFailure, OffsetDateTime dueAt, OffsetDateTime nextAttemptAt) {
        boolean critical = plan != null && plan.withdrawalCritical;
        return new OutgoingEvent("dosing.refill-timer-failing", t.pathwayId, new RefillTimerFailing(t.pathwayId,
                t.patientRef, t.id, timer, plan == null ? null : plan.drug, critical ? "URGENT" : "HIGH", failures,
                lastFailure, dueAt, nextAttemptAt));
    }

    public static OutgoingEvent therapyEnded(PumpTherapyEntity t) {
        return new OutgoingEvent("dosing.therapy-ended", t.pathwayId,
                new TherapyEnded(t.pathwayId, t.patientRef, t.id, t.endReason, t.endedAt));
    }
}
