package org.itpump.dosing.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.DoseUnit;
import org.itpump.dosing.domain.DosingEvent;
import org.itpump.dosing.domain.LibraryChange;
import org.itpump.dosing.domain.LimitOverride;
import org.itpump.dosing.domain.RecordedProgram;
import org.itpump.dosing.domain.RecordedRefill;
import org.itpump.dosing.domain.RecordedRefillPlan;
import org.itpump.dosing.domain.TrialDoseFinding;
import org.itpump.dosing.service.DosingContracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The facts dosing-service publishes (contracts/schemas/dosing.*.json): each payload built from the domain event an
 * act returned, never from a stored row.
 */
@ApplicationScoped
public class DosingEvents implements DosingContracts {

    public record TherapyOpened(UUID pathwayId, String patientRef, UUID therapyId, UUID implantCaseId,
                                BigDecimal reservoirVolumeMl, OffsetDateTime openedAt, BigDecimal lowReservoirAlarmMl) {
    }

    /** findings: the texts (as before); findingDetails: the same findings with their limit (HARD, SOFT) and rule. */
    public record TrialDoseChecked(UUID pathwayId, String patientRef, UUID trialId, String drug, BigDecimal dose,
                                   String doseUnit, int libraryVersion, boolean withinLimits, List<String> findings,
                                   List<TrialDoseFinding> findingDetails) {
    }

    /** RxNorm, the coding system of {@link DrugCode}. */
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /**
     * The RxNorm ingredient (RxCUI) of each drug-library code (issue 15, for FHIR MedicationRequest). Ziconotide is
     * left out until its RxCUI is confirmed against RxNav: its programs carry no drugCode and readers fall back to the
     * drug's name.
     */
    static final Map<String, DrugCode> DRUG_CODES = Map.of(
            "morphine", new DrugCode(RXNORM, "7052", "morphine"),
            "hydromorphone", new DrugCode(RXNORM, "3423", "hydromorphone"),
            "fentanyl", new DrugCode(RXNORM, "4337", "fentanyl"),
            "sufentanil", new DrugCode(RXNORM, "56795", "sufentanil"),
            "bupivacaine", new DrugCode(RXNORM, "1815", "bupivacaine"),
            "clonidine", new DrugCode(RXNORM, "2599", "clonidine"),
            "baclofen", new DrugCode(RXNORM, "1292", "baclofen"));

    /** A drug coded: system (RxNorm), code (RxCUI) and display. */
    public record DrugCode(String system, String code, String display) {
    }

    /**
     * Doses in the drug's unit: doseUnit as the library spells it (mg or mcg), and each figure's UCUM unit (mg or ug);
     * drugCode optional (issue 15), left out for a drug not in {@link #DRUG_CODES}.
     */
    public record Program(String drug, @JsonInclude(JsonInclude.Include.NON_NULL) DrugCode drugCode, String doseUnit,
                          BigDecimal concentrationPerMl, String concentrationUnit,
                          BigDecimal dailyDose, String dailyDoseUnit, String mode, BigDecimal bolusDose,
                          String bolusDoseUnit, Integer bolusLockoutMinutes, Integer maxBolusesPerDay,
                          int libraryVersion, String indication) {
        static Program of(RecordedProgram p) {
            if (p == null) {
                return null;
            }
            DoseUnit unit = p.unit();
            return new Program(p.drug(), DRUG_CODES.get(p.drug()), p.doseUnit(), p.concentrationPerMl(), DoseQuantity.Kind.CONCENTRATION.ucum(unit),
                    p.dailyDose(), DoseQuantity.Kind.DAILY_DOSE.ucum(unit), p.mode().name(), p.bolusDose(),
                    p.bolusDose() == null ? null : DoseQuantity.Kind.DOSE.ucum(unit), p.bolusLockoutMinutes(),
                    p.maxBolusesPerDay(), p.libraryVersion(), p.indication() == null ? null : p.indication().name());
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

    /** The contract of a domain event: its CloudEvents type, the pathway it is published on and its payload. */
    @Override
    public OutgoingEvent toContract(DosingEvent event) {
        if (event instanceof DosingEvent.TherapyOpened e) {
            DosingEvent.Therapy t = e.therapy();
            return new OutgoingEvent("dosing.therapy-opened", t.pathwayId(), new TherapyOpened(t.pathwayId(),
                    t.patientRef(), t.therapyId(), e.implantCaseId(), e.reservoirVolumeMl(), e.openedAt(),
                    e.lowReservoirAlarmMl()));
        }
        if (event instanceof DosingEvent.TherapyEnded e) {
            DosingEvent.Therapy t = e.therapy();
            return new OutgoingEvent("dosing.therapy-ended", t.pathwayId(),
                    new TherapyEnded(t.pathwayId(), t.patientRef(), t.therapyId(), e.reason(), e.endedAt()));
        }
        if (event instanceof DosingEvent.Programmed e) {
            return programmed(e.therapy(), e.program(), e.previous());
        }
        if (event instanceof DosingEvent.LimitOverridden e) {
            return limitOverride(e.therapy(), e.program(), e.override());
        }
        if (event instanceof DosingEvent.RefillRecorded e) {
            return refillRecorded(e.therapy(), e.refill(), e.unit());
        }
        if (event instanceof DosingEvent.RefillReplanned e) {
            return refillReplanned(e.therapy(), e.plan());
        }
        if (event instanceof DosingEvent.RefillReminder e) {
            DosingEvent.Therapy t = e.therapy();
            RecordedRefillPlan plan = e.plan();
            return new OutgoingEvent(e.overdue() ? "dosing.refill-overdue" : "dosing.refill-due", t.pathwayId(),
                    new RefillReminder(t.pathwayId(), t.patientRef(), t.therapyId(), plan.drug(), plan.refillDueOn(),
                            e.urgency(), plan.withdrawalCritical(), plan.emptyAt()));
        }
        if (event instanceof DosingEvent.OverdueAcknowledged e) {
            DosingEvent.Therapy t = e.therapy();
            RecordedRefillPlan p = e.plan();
            return new OutgoingEvent("dosing.refill-overdue-acknowledged", t.pathwayId(), new OverdueAcknowledged(
                    t.pathwayId(), t.patientRef(), t.therapyId(), p.drug(), p.refillDueOn(), e.reason(),
                    e.acknowledgedAt()));
        }
        if (event instanceof DosingEvent.RefillTimerFailing e) {
            DosingEvent.Therapy t = e.therapy();
            RecordedRefillPlan plan = e.plan();
            return new OutgoingEvent("dosing.refill-timer-failing", t.pathwayId(), new RefillTimerFailing(
                    t.pathwayId(), t.patientRef(), t.therapyId(), e.timer(), plan == null ? null : plan.drug(),
                    e.urgency(), e.failures(), e.lastFailure(), e.dueAt(), e.nextAttemptAt()));
        }
        if (event instanceof DosingEvent.LibraryChangeAcknowledged e) {
            return libraryChangeAcknowledged(e.affected(), e.libraryVersion(), e.reason(), e.acknowledgedBy(),
                    e.acknowledgedAt(), e.affectedTherapies());
        }
        if (event instanceof DosingEvent.TrialDoseChecked e) {
            return new OutgoingEvent("dosing.trial-dose-checked", e.pathwayId(), new TrialDoseChecked(e.pathwayId(),
                    e.patientRef(), e.trialId(), e.drug(), e.dose(), e.doseUnit(), e.libraryVersion(), e.withinLimits(),
                    e.findings().stream().map(TrialDoseFinding::text).toList(), e.findings()));
        }
        throw new IllegalArgumentException("No contract for " + event.getClass().getName());
    }

    /** The first program is dosing.pump-programmed; every later one is dosing.dose-changed. */
    private static OutgoingEvent programmed(DosingEvent.Therapy t, RecordedProgram program, RecordedProgram previous) {
        return new OutgoingEvent(previous == null ? "dosing.pump-programmed" : "dosing.dose-changed", t.pathwayId(),
                new Programmed(t.pathwayId(), t.patientRef(), t.therapyId(), program.id(), Program.of(program),
                        Program.of(previous), program.programmedAt()));
    }

    private static OutgoingEvent limitOverride(DosingEvent.Therapy t, RecordedProgram program, LimitOverride override) {
        return new OutgoingEvent("dosing.limit-override", t.pathwayId(), new LimitOverridden(t.pathwayId(),
                t.patientRef(), t.therapyId(), program.id(), override.drugCode(), override.dailyDose(),
                override.softLimit(), override.unit().symbol(), DoseQuantity.Kind.DAILY_DOSE.ucum(override.unit()),
                override.rule().name(), override.reason(), program.libraryVersion()));
    }

    private static OutgoingEvent refillRecorded(DosingEvent.Therapy t, RecordedRefill r, DoseUnit unit) {
        return new OutgoingEvent("dosing.refill-recorded", t.pathwayId(), new RefillRecorded(t.pathwayId(),
                t.patientRef(), t.therapyId(), r.id(), r.filledOn(), r.volumeAddedMl(), r.concentrationPerMl(),
                DoseQuantity.Kind.CONCENTRATION.ucum(unit), r.lot(), r.expectedResidualMl(), r.measuredResidualMl(),
                r.pocketFillThresholdMl(), r.possiblePocketFill(), r.refillDueOn(), r.firstFill()));
    }

    /** A refill plan made again (the program changed): the old and the new due date, and why. */
    private static OutgoingEvent refillReplanned(DosingEvent.Therapy t, RecordedRefillPlan p) {
        return new OutgoingEvent("dosing.refill-replanned", t.pathwayId(), new RefillReplanned(t.pathwayId(),
                t.patientRef(), t.therapyId(), p.refillId(), p.programId(), p.drug(), p.reason(),
                p.previousRefillDueOn(), p.refillDueOn(), p.volumeLeftMl(), p.alarmAt(), p.emptyAt(),
                p.safetyMarginDays(), p.firstOverdueAlertAt(), p.plannedAt()));
    }

    /**
     * Pharmacy published a drug library version that this therapy's program in force breaks, acknowledging it
     * with a reason: one event per affected therapy, on its pathway (issue 12 section 4).
     */
    private static OutgoingEvent libraryChangeAcknowledged(LibraryChange.AffectedTherapy affected, int libraryVersion,
                                                           String reason, String acknowledgedBy, OffsetDateTime at,
                                                           int affectedTherapies) {
        LibraryChange.ProgramInForce p = affected.program();
        return new OutgoingEvent("dosing.library-change-acknowledged", p.pathwayId(), new LibraryChangeAcknowledged(
                p.pathwayId(), p.patientRef(), p.therapyId(), p.programId(), p.drug(), p.libraryVersion(), libraryVersion,
                affected.findings().stream().map(f -> new LimitFinding(f.limit().name(), f.limitValue(), f.programValue(),
                        f.ucumUnit())).toList(), reason, acknowledgedBy, at, affectedTherapies));
    }
}
