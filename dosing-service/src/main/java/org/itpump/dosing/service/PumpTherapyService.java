package org.itpump.dosing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.chassis.timer.DueTimers;
import org.itpump.dosing.domain.DeliveryMode;
import org.itpump.dosing.domain.DoseChange;
import org.itpump.dosing.domain.DoseChangeRules;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.DoseUnit;
import org.itpump.dosing.domain.Drug;
import org.itpump.dosing.domain.Indication;
import org.itpump.dosing.domain.LimitOverride;
import org.itpump.dosing.domain.PumpProgram;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.RefillPlan;
import org.itpump.dosing.domain.ReservoirFill;
import org.itpump.dosing.domain.ReservoirTimeline;
import org.itpump.dosing.domain.ResidualVolumeCheck;
import org.itpump.dosing.messaging.DosingEvents;
import org.itpump.dosing.messaging.ImplantEventsConsumer.ImplantCompleted;
import org.itpump.dosing.messaging.ImplantEventsConsumer.ImplantExplanted;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.PumpProgramEntity;
import org.itpump.dosing.store.PumpTherapyEntity;
import org.itpump.dosing.store.PumpTherapyRepository;
import org.itpump.dosing.store.RefillEntity;
import org.itpump.dosing.store.RefillPlanEntity;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Pump therapy use cases: programs checked against the drug library, refills and their durable timers. */
@ApplicationScoped
public class PumpTherapyService {

    static final String REFILL_DUE = "refill-due";
    static final String REFILL_OVERDUE = "refill-overdue";
    /** Why a refill plan was made: at the refill itself, or again because the program changed. */
    static final String PLANNED_AT_REFILL = "REFILLED";
    static final String REPLANNED_PROGRAM_CHANGED = "PROGRAM_CHANGED";

    /** Doses and the concentration as entered, each with its UCUM unit (converted here to the drug's unit). */
    public record ProgramOrder(String drug, BigDecimal concentrationPerMl, String concentrationUnit, BigDecimal dailyDose,
                               String dailyDoseUnit, DeliveryMode mode, BigDecimal bolusDose, String bolusDoseUnit,
                               Integer bolusLockoutMinutes, Integer maxBolusesPerDay, String overrideReason,
                               Indication indication) {

        /** As above, without an indication (drugs whose rules do not depend on it). */
        public ProgramOrder(String drug, BigDecimal concentrationPerMl, String concentrationUnit, BigDecimal dailyDose,
                            String dailyDoseUnit, DeliveryMode mode, BigDecimal bolusDose, String bolusDoseUnit,
                            Integer bolusLockoutMinutes, Integer maxBolusesPerDay, String overrideReason) {
            this(drug, concentrationPerMl, concentrationUnit, dailyDose, dailyDoseUnit, mode, bolusDose, bolusDoseUnit,
                    bolusLockoutMinutes, maxBolusesPerDay, overrideReason, null);
        }
    }

    /** firstFill null: inferred (the therapy's first refill is its first fill). */
    public record RefillOrder(LocalDate filledOn, BigDecimal volumeAddedMl, BigDecimal concentrationPerMl,
                              String concentrationUnit, String lot, BigDecimal measuredResidualMl, Boolean firstFill,
                              boolean diluted) {
    }

    private final PumpTherapyRepository therapies;
    private final DosingRecords records;
    private final DrugLibraryService library;
    private final DueTimers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId hospitalZone;
    private final int dueNoticeDays;
    private final BigDecimal pocketFillThresholdPerMl;

    PumpTherapyService(PumpTherapyRepository therapies, DosingRecords records, DrugLibraryService library,
                       DueTimers timers, Outbox outbox, Clock clock,
                       @ConfigProperty(name = "itpump.dosing.hospital-zone") ZoneId hospitalZone,
                       @ConfigProperty(name = "itpump.dosing.refill-due-notice-days") int dueNoticeDays,
                       @ConfigProperty(name = "itpump.dosing.pocket-fill-threshold-ml-per-reservoir-ml")
                       BigDecimal pocketFillThresholdPerMl) {
        this.therapies = therapies;
        this.records = records;
        this.library = library;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
        this.dueNoticeDays = dueNoticeDays;
        this.pocketFillThresholdPerMl = pocketFillThresholdPerMl;
    }

    /**
     * Runs in the consumer's transaction; a second implant.completed for the same case changes nothing. The pump's
     * low-reservoir alarm volume comes with the event (2 mL when it does not say); one not below the reservoir
     * volume is refused (dead letter): no fill could then be planned.
     */
    public Uni<PumpTherapyEntity> openForImplant(ImplantCompleted implant) {
        if (implant.lowReservoirAlarmMl().compareTo(implant.reservoirVolumeMl()) >= 0) {
            throw new RuleViolationException("The low-reservoir alarm volume " + implant.lowReservoirAlarmMl().toPlainString()
                    + " mL of implant case " + implant.caseId() + " is not below its reservoir volume "
                    + implant.reservoirVolumeMl().toPlainString() + " mL");
        }
        return therapies.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> {
            PumpTherapyEntity therapy = new PumpTherapyEntity();
            therapy.id = UUID.randomUUID();
            therapy.pathwayId = implant.pathwayId();
            therapy.patientRef = implant.patientRef();
            therapy.implantCaseId = implant.caseId();
            therapy.reservoirVolumeMl = implant.reservoirVolumeMl();
            therapy.lowReservoirAlarmMl = implant.lowReservoirAlarmMl();
            therapy.status = PumpTherapyStatus.ACTIVE;
            therapy.openedAt = now();
            return therapies.persist(therapy).call(() -> outbox.append(DosingEvents.therapyOpened(therapy)));
        });
    }

    /** implant.explanted ends the therapy and its refill timers; a repeat changes nothing; before the therapy opens it is held. */
    public Uni<Void> endForExplant(ImplantExplanted explant) {
        return therapies.byImplantCase(explant.caseId()).chain(therapy -> {
            if (therapy == null) {
                throw new AwaitingStateException("no pump therapy for implant case " + explant.caseId()
                        + " yet (implant.completed not applied)");
            }
            if (therapy.status == PumpTherapyStatus.ENDED) {
                return Uni.createFrom().voidItem();
            }
            therapy.status = therapy.status.transitionTo(PumpTherapyStatus.ENDED);
            therapy.endedAt = now();
            therapy.endReason = "EXPLANTED";
            return timers.cancelAll(therapy.id).chain(() -> outbox.append(DosingEvents.therapyEnded(therapy)));
        });
    }

    /**
     * Programs the pump. Above a hard limit is refused; above the soft limit needs an override reason, which is
     * recorded and emitted. Dose changes obey the drug's step rules. After a refill, a program change re-plans
     * the refill from the volume left now (a new plan, published as dosing.refill-replanned).
     */
    @WithTransaction
    public Uni<PumpProgramEntity> program(UUID therapyId, ProgramOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            requireActive(therapy);
            return library.currentForProgramming().chain(drugs -> records.programs(therapyId).chain(history -> {
                Drug drug = drugs.drug(order.drug());
                BigDecimal dailyDose = new DoseQuantity(order.dailyDose(), order.dailyDoseUnit())
                        .in(drug, DoseQuantity.Kind.DAILY_DOSE, "daily dose");
                PumpProgram program = new PumpProgram(drug,
                        new DoseQuantity(order.concentrationPerMl(), order.concentrationUnit())
                                .in(drug, DoseQuantity.Kind.CONCENTRATION, "concentration"),
                        dailyDose, order.mode(),
                        order.bolusDose() == null ? null : new DoseQuantity(order.bolusDose(), order.bolusDoseUnit())
                                .in(drug, DoseQuantity.Kind.DOSE, "bolus dose"),
                        order.bolusLockoutMinutes(), order.maxBolusesPerDay());
                List<LimitOverride> overrides = new ArrayList<>();
                program.softLimitCheck().acceptWith(order.overrideReason()).ifPresent(overrides::add);
                PumpProgramEntity previous = history.isEmpty() ? null : history.get(history.size() - 1);
                boolean sameDrug = previous != null && previous.drug.equals(drug.code());
                Indication indication = indicationOf(drug, order.indication(), sameDrug ? previous.indication : null);
                if (sameDrug) { // a new drug starts its own titration
                    DoseChangeRules.check(drug, doseChanges(history, drug.code()),
                            new DoseChange(clock.instant(), totalPossibleDailyDose(previous), program.totalPossibleDailyDose()),
                            startOfRun(history, drug.code()), indication);
                    drug.checkDecrease(previous.dailyDose, dailyDose, order.overrideReason()).ifPresent(overrides::add);
                }
                Optional<LimitOverride> override = overrides.stream().findFirst();
                PumpProgramEntity entity = toEntity(therapyId, program, override);
                entity.indication = indication;
                if (previous != null) {
                    previous.supersededAt = entity.programmedAt;
                }
                List<PumpProgramEntity> programs = new ArrayList<>(history);
                programs.add(entity);
                return entity.<PumpProgramEntity>persist()
                        .call(() -> outbox.append(DosingEvents.programmed(therapy, entity, previous)))
                        .call(() -> outbox.appendAll(overrides.stream()
                                .map(o -> DosingEvents.limitOverride(therapy, entity, o)).toList()))
                        .call(() -> records.lastRefill(therapyId).chain(refill -> refill == null
                                ? Uni.createFrom().voidItem()
                                : replan(therapy, refill, programs, REPLANNED_PROGRAM_CHANGED)));
            }));
        });
    }

    /**
     * Records a refill: its date checked, the residual-volume check against the reservoir timeline of the
     * previous fill, the plan of the next refill from the volume left now, and its timers.
     */
    @WithTransaction
    public Uni<RefillEntity> refill(UUID therapyId, RefillOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            requireActive(therapy);
            return records.programInForce(therapyId).chain(programmed -> {
                if (programmed == null) {
                    throw new StateConflictException("Program the pump before recording a refill");
                }
                BigDecimal concentration = new DoseQuantity(order.concentrationPerMl(), order.concentrationUnit()).in(
                        programmed.drug, DoseUnit.ofSymbol(programmed.doseUnit), DoseQuantity.Kind.CONCENTRATION, "refill concentration");
                if (programmed.concentrationPerMl.compareTo(concentration) != 0) {
                    throw new RuleViolationException("The refill concentration " + concentration.toPlainString()
                            + " " + programmed.doseUnit + "/mL differs from the programmed "
                            + programmed.concentrationPerMl.toPlainString() + " " + programmed.doseUnit
                            + "/mL: reprogram the pump first");
                }
                if (order.volumeAddedMl().compareTo(therapy.reservoirVolumeMl) > 0) {
                    throw new RuleViolationException("The refill of " + order.volumeAddedMl().toPlainString()
                            + " mL exceeds the reservoir of " + therapy.reservoirVolumeMl.toPlainString() + " mL");
                }
                return records.lastRefill(therapyId).chain(previous -> records.programs(therapyId).chain(programs ->
                        periods(programs).chain(periods -> {
                    LocalDate today = LocalDate.now(clock.withZone(hospitalZone));
                    LocalDate filledOn = order.filledOn() == null ? today : order.filledOn();
                    // The first refill of a therapy is its first fill, unless the request says otherwise.
                    boolean firstFill = order.firstFill() == null ? previous == null : order.firstFill();
                    ReservoirFill fill = new ReservoirFill(filledOn, order.volumeAddedMl(), firstFill, order.diluted());
                    fill.requireDated(today, previous == null ? null : previous.filledOn);
                    if (firstFill) {
                        periods.get(periods.size() - 1).program().drug().requireFirstFillConcentration(concentration);
                    }
                    ReservoirTimeline timeline = ReservoirTimeline.of(fill, hospitalZone, periods);
                    RefillEntity refill = new RefillEntity();
                    refill.id = UUID.randomUUID();
                    refill.therapyId = therapyId;
                    refill.filledOn = filledOn;
                    refill.volumeAddedMl = order.volumeAddedMl();
                    refill.concentrationPerMl = concentration;
                    refill.lot = order.lot();
                    refill.firstFill = firstFill;
                    refill.diluted = order.diluted();
                    refill.measuredResidualMl = order.measuredResidualMl();
                    if (previous != null && order.measuredResidualMl() != null) {
                        BigDecimal expected = ReservoirTimeline.of(fillOf(previous), hospitalZone, periods)
                                .volumeAt(timeline.filledAt());
                        ResidualVolumeCheck check = ResidualVolumeCheck.of(expected, order.measuredResidualMl(),
                                therapy.reservoirVolumeMl, pocketFillThresholdPerMl);
                        refill.expectedResidualMl = check.expectedResidualMl();
                        refill.pocketFillThresholdMl = check.thresholdMl();
                        refill.possiblePocketFill = check.possiblePocketFill();
                    }
                    RefillPlan plan = timeline.planAt(clock.instant(), therapy.lowReservoirAlarmMl);
                    refill.refillDueOn = plan.refillDueDate();
                    refill.recordedAt = now();
                    return refill.<RefillEntity>persist()
                            .call(() -> outbox.append(DosingEvents.refillRecorded(therapy, refill, DoseUnit.ofSymbol(programmed.doseUnit))))
                            .call(() -> records.planInForce(therapyId).chain(before ->
                                    storePlan(therapy, refill, programmed, plan, PLANNED_AT_REFILL, before)));
                })));
            });
        });
    }

    /**
     * Stops the repeating overdue alerts of the plan in force (a clinician or nurse has taken charge), with the
     * reason, published as dosing.refill-overdue-acknowledged. 409 when no overdue alert has gone out yet.
     */
    @WithTransaction
    public Uni<RefillPlanEntity> acknowledgeOverdue(UUID therapyId, String reason) {
        return therapies.require(therapyId).chain(therapy -> {
            requireActive(therapy);
            return records.planInForce(therapyId).chain(plan -> {
                if (plan == null || plan.firstOverdueAlertAt.toInstant().isAfter(clock.instant())) {
                    throw new StateConflictException("No refill of pump therapy " + therapyId + " is overdue"
                            + (plan == null ? "" : ": the first overdue alert is due at " + plan.firstOverdueAlertAt));
                }
                return timers.cancel(therapyId, REFILL_OVERDUE)
                        .chain(() -> outbox.append(DosingEvents.overdueAcknowledged(therapy, plan, reason.strip(), now())))
                        .replaceWith(plan);
            });
        });
    }

    /** The plan of the last refill made again from the volume left now (a program changed). */
    private Uni<Void> replan(PumpTherapyEntity therapy, RefillEntity refill, List<PumpProgramEntity> programs, String reason) {
        return periods(programs).chain(periods -> records.planInForce(therapy.id).chain(before -> {
            ReservoirTimeline timeline = ReservoirTimeline.of(fillOf(refill), hospitalZone, periods);
            RefillPlan plan = timeline.planAt(clock.instant(), therapy.lowReservoirAlarmMl);
            PumpProgramEntity inForce = programs.get(programs.size() - 1);
            return storePlan(therapy, refill, inForce, plan, reason, before);
        }));
    }

    /**
     * Stores the plan as a new row (the old ones stay: the history), publishes a re-plan, and moves the timers
     * when their instants changed: refill-due the notice period ahead of the due date, refill-overdue at the
     * plan's first overdue alert (then repeating, see RefillTimers).
     */
    private Uni<Void> storePlan(PumpTherapyEntity therapy, RefillEntity refill, PumpProgramEntity program,
                                RefillPlan plan, String reason, RefillPlanEntity before) {
        RefillPlanEntity entity = new RefillPlanEntity();
        entity.id = UUID.randomUUID();
        entity.therapyId = therapy.id;
        entity.refillId = refill.id;
        entity.programId = program.id;
        entity.reason = reason;
        entity.drug = program.drug;
        entity.withdrawalCritical = plan.withdrawalCritical();
        entity.plannedAt = utc(plan.plannedAt());
        entity.volumeLeftMl = plan.volumeLeftMl();
        entity.alarmAt = utc(plan.alarmAt());
        entity.emptyAt = utc(plan.emptyAt());
        entity.safetyMarginDays = plan.safetyMarginDays();
        entity.refillDueOn = plan.refillDueDate();
        entity.previousRefillDueOn = before == null ? null : before.refillDueOn;
        entity.firstOverdueAlertAt = utc(plan.firstOverdueAlertAt());
        Instant dueNoticeAt = plan.refillDueDate().minusDays(dueNoticeDays).atStartOfDay(hospitalZone).toInstant();
        boolean sameRefill = before != null && before.refillId.equals(refill.id);
        boolean dueMoved = !sameRefill || !before.refillDueOn.equals(entity.refillDueOn);
        boolean alertMoved = !sameRefill || !before.firstOverdueAlertAt.isEqual(entity.firstOverdueAlertAt);
        Uni<?> published = REPLANNED_PROGRAM_CHANGED.equals(reason)
                ? outbox.append(DosingEvents.refillReplanned(therapy, entity)) : Uni.createFrom().voidItem();
        return entity.persist().chain(() -> published)
                .chain(() -> dueMoved ? timers.schedule(REFILL_DUE, therapy.id, REFILL_DUE, dueNoticeAt).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> alertMoved ? timers.schedule(REFILL_OVERDUE, therapy.id, REFILL_OVERDUE,
                        plan.firstOverdueAlertAt()).replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /** The programs as periods of the reservoir timeline, each under the library version that checked it. */
    private Uni<List<ReservoirTimeline.ProgramPeriod>> periods(List<PumpProgramEntity> programs) {
        return library.pinned(programs.stream().map(p -> p.libraryVersion).toList()).map(libraries -> programs.stream()
                .map(p -> new ReservoirTimeline.ProgramPeriod(p.programmedAt.toInstant(),
                        toDomain(libraries.get(p.libraryVersion).drug(p.drug), p)))
                .toList());
    }

    @WithSession
    public Uni<PumpTherapyEntity> find(UUID therapyId) {
        return therapies.require(therapyId);
    }

    @WithSession
    public Uni<List<PumpProgramEntity>> programs(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.programs(therapyId));
    }

    @WithSession
    public Uni<List<RefillEntity>> refills(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.refills(therapyId));
    }

    @WithSession
    public Uni<Page<PumpTherapyEntity>> search(PumpTherapyStatus status, UUID pathwayId, PageRequest page) {
        return therapies.search(status, pathwayId, page);
    }

    static PumpProgram toDomain(Drug drug, PumpProgramEntity p) {
        return new PumpProgram(drug, p.concentrationPerMl, p.dailyDose, p.mode, p.bolusDose, p.bolusLockoutMinutes,
                p.maxBolusesPerDay);
    }

    private static ReservoirFill fillOf(RefillEntity refill) {
        return new ReservoirFill(refill.filledOn, refill.volumeAddedMl, refill.firstFill, refill.diluted);
    }

    /**
     * The history of changes of this drug's total possible daily dose (continuous + max boluses x bolus dose),
     * for its step rules: a switch to bolus mode counts as the increase it is.
     */
    private static List<DoseChange> doseChanges(List<PumpProgramEntity> history, String drug) {
        List<DoseChange> changes = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        for (PumpProgramEntity program : history) {
            if (!program.drug.equals(drug)) {
                before = BigDecimal.ZERO;
                continue;
            }
            BigDecimal total = totalPossibleDailyDose(program);
            if (before.signum() > 0 && total.compareTo(before) != 0) {
                changes.add(new DoseChange(program.programmedAt.toInstant(), before, total));
            }
            before = total;
        }
        return changes;
    }

    /** When the current run of this drug began: its first program after any other drug. */
    private static java.time.Instant startOfRun(List<PumpProgramEntity> history, String drug) {
        java.time.Instant start = null;
        for (PumpProgramEntity program : history) {
            start = program.drug.equals(drug) ? (start == null ? program.programmedAt.toInstant() : start) : null;
        }
        return start;
    }

    private static BigDecimal totalPossibleDailyDose(PumpProgramEntity p) {
        return p.bolusDose == null || p.maxBolusesPerDay == null ? p.dailyDose
                : p.dailyDose.add(p.bolusDose.multiply(BigDecimal.valueOf(p.maxBolusesPerDay)));
    }

    private PumpProgramEntity toEntity(UUID therapyId, PumpProgram program, Optional<LimitOverride> override) {
        PumpProgramEntity entity = new PumpProgramEntity();
        entity.id = UUID.randomUUID();
        entity.therapyId = therapyId;
        entity.drug = program.drug().code();
        entity.doseUnit = program.drug().unit().symbol();
        entity.concentrationPerMl = program.concentrationPerMl();
        entity.dailyDose = program.dailyDose();
        entity.mode = program.mode();
        entity.bolusDose = program.bolusDose();
        entity.bolusLockoutMinutes = program.bolusLockoutMinutes();
        entity.maxBolusesPerDay = program.maxBolusesPerDay();
        entity.libraryVersion = program.libraryVersion();
        entity.overrideReason = override.map(LimitOverride::reason).orElse(null);
        entity.programmedAt = now();
        return entity;
    }

    /**
     * The program's indication: as ordered, else the one of the drug's run so far (a dose change need not repeat
     * it). A different one than the run's is refused: a baclofen therapy's indication sets its titration ceiling
     * (spinal origin 30 %, cerebral 15 % per 24 h; LIORESAL-PI), so switching it to take a larger step is not a
     * dose change. A drug whose titration depends on it refuses a missing one (422 naming the indications).
     */
    private static Indication indicationOf(Drug drug, Indication ordered, Indication ofRun) {
        if (ordered != null && ofRun != null && ordered != ofRun) {
            throw new RuleViolationException("The indication of this " + drug.code() + " therapy is " + ofRun
                    + " (set at its first program); a program for " + ordered + " cannot change it",
                    List.of("drug: " + drug.code(), "indication: " + ordered, "therapyIndication: " + ofRun));
        }
        Indication indication = ordered != null ? ordered : ofRun;
        drug.requireIndication(indication);
        return indication;
    }

    private static void requireActive(PumpTherapyEntity therapy) {
        if (therapy.status != PumpTherapyStatus.ACTIVE) {
            throw new StateConflictException("Pump therapy " + therapy.id + " is " + therapy.status);
        }
    }

    @WithSession
    public Uni<List<RefillPlanEntity>> plans(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.plans(therapyId));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }
}
