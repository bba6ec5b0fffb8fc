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
import org.itpump.dosing.domain.Drug;
import org.itpump.dosing.domain.LimitOverride;
import org.itpump.dosing.domain.PumpProgram;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.RefillPlan;
import org.itpump.dosing.domain.ReservoirFill;
import org.itpump.dosing.domain.ResidualVolumeCheck;
import org.itpump.dosing.messaging.DosingEvents;
import org.itpump.dosing.messaging.ImplantEventsConsumer.ImplantCompleted;
import org.itpump.dosing.messaging.ImplantEventsConsumer.ImplantExplanted;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.PumpProgramEntity;
import org.itpump.dosing.store.PumpTherapyEntity;
import org.itpump.dosing.store.PumpTherapyRepository;
import org.itpump.dosing.store.RefillEntity;

import java.math.BigDecimal;
import java.time.Clock;
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

    public record ProgramOrder(String drug, BigDecimal concentrationPerMl, BigDecimal dailyDose, DeliveryMode mode,
                               BigDecimal bolusDose, Integer bolusLockoutMinutes, Integer maxBolusesPerDay,
                               String overrideReason) {
    }

    public record RefillOrder(LocalDate filledOn, BigDecimal volumeAddedMl, BigDecimal concentrationPerMl, String lot,
                              BigDecimal measuredResidualMl, boolean firstFill, boolean diluted) {
    }

    private final PumpTherapyRepository therapies;
    private final DosingRecords records;
    private final DrugLibraryService library;
    private final DueTimers timers;
    private final Outbox outbox;
    private final Clock clock;
    private final ZoneId hospitalZone;
    private final int dueNoticeDays;

    PumpTherapyService(PumpTherapyRepository therapies, DosingRecords records, DrugLibraryService library,
                       DueTimers timers, Outbox outbox, Clock clock,
                       @ConfigProperty(name = "itpump.dosing.hospital-zone") ZoneId hospitalZone,
                       @ConfigProperty(name = "itpump.dosing.refill-due-notice-days") int dueNoticeDays) {
        this.therapies = therapies;
        this.records = records;
        this.library = library;
        this.timers = timers;
        this.outbox = outbox;
        this.clock = clock;
        this.hospitalZone = hospitalZone;
        this.dueNoticeDays = dueNoticeDays;
    }

    /** Runs in the consumer's transaction; a second implant.completed for the same case changes nothing. */
    public Uni<PumpTherapyEntity> openForImplant(ImplantCompleted implant) {
        return therapies.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() -> {
            PumpTherapyEntity therapy = new PumpTherapyEntity();
            therapy.id = UUID.randomUUID();
            therapy.pathwayId = implant.pathwayId();
            therapy.patientRef = implant.patientRef();
            therapy.implantCaseId = implant.caseId();
            therapy.reservoirVolumeMl = implant.reservoirVolumeMl();
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
     * recorded and emitted. Dose changes obey the drug's step rules; a refill date follows the new program.
     */
    @WithTransaction
    public Uni<PumpProgramEntity> program(UUID therapyId, ProgramOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            requireActive(therapy);
            return library.current().chain(drugs -> records.programs(therapyId).chain(history -> {
                Drug drug = drugs.drug(order.drug());
                PumpProgram program = new PumpProgram(drug, order.concentrationPerMl(), order.dailyDose(), order.mode(),
                        order.bolusDose(), order.bolusLockoutMinutes(), order.maxBolusesPerDay());
                Optional<LimitOverride> override = program.softLimitCheck().acceptWith(order.overrideReason());
                PumpProgramEntity previous = history.isEmpty() ? null : history.get(history.size() - 1);
                if (previous != null && previous.drug.equals(drug.code())) { // a new drug starts its own titration
                    DoseChangeRules.check(drug, doseChanges(history, drug.code()),
                            new DoseChange(clock.instant(), previous.dailyDose, order.dailyDose()));
                }
                PumpProgramEntity entity = toEntity(therapyId, program, override);
                if (previous != null) {
                    previous.supersededAt = entity.programmedAt;
                }
                return entity.<PumpProgramEntity>persist()
                        .call(() -> outbox.append(DosingEvents.programmed(therapy, entity, previous)))
                        .call(() -> override.map(o -> outbox.append(DosingEvents.limitOverride(therapy, entity, o)))
                                .orElse(Uni.createFrom().voidItem()))
                        .call(() -> records.lastRefill(therapyId).chain(refill -> refill == null
                                ? Uni.createFrom().voidItem()
                                : scheduleRefillTimers(therapy, program, refill, fillOf(refill))));
            }));
        });
    }

    /** Records a refill: the residual-volume check, the next due date and its timers. */
    @WithTransaction
    public Uni<RefillEntity> refill(UUID therapyId, RefillOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            requireActive(therapy);
            return records.programInForce(therapyId).chain(programmed -> {
                if (programmed == null) {
                    throw new StateConflictException("Program the pump before recording a refill");
                }
                if (programmed.concentrationPerMl.compareTo(order.concentrationPerMl()) != 0) {
                    throw new RuleViolationException("The refill concentration " + order.concentrationPerMl().toPlainString()
                            + " differs from the programmed " + programmed.concentrationPerMl.toPlainString()
                            + " " + programmed.doseUnit + "/mL: reprogram the pump first");
                }
                if (order.volumeAddedMl().compareTo(therapy.reservoirVolumeMl) > 0) {
                    throw new RuleViolationException("The refill of " + order.volumeAddedMl().toPlainString()
                            + " mL exceeds the reservoir of " + therapy.reservoirVolumeMl.toPlainString() + " mL");
                }
                return library.current().chain(drugs -> records.lastRefill(therapyId).chain(previous -> {
                    PumpProgram program = toDomain(drugs.drug(programmed.drug), programmed);
                    LocalDate filledOn = order.filledOn() == null ? LocalDate.now(clock.withZone(hospitalZone)) : order.filledOn();
                    ReservoirFill fill = new ReservoirFill(filledOn, order.volumeAddedMl(), order.firstFill(), order.diluted());
                    RefillEntity refill = new RefillEntity();
                    refill.id = UUID.randomUUID();
                    refill.therapyId = therapyId;
                    refill.filledOn = filledOn;
                    refill.volumeAddedMl = order.volumeAddedMl();
                    refill.concentrationPerMl = order.concentrationPerMl();
                    refill.lot = order.lot();
                    refill.firstFill = order.firstFill();
                    refill.diluted = order.diluted();
                    refill.measuredResidualMl = order.measuredResidualMl();
                    if (previous != null && order.measuredResidualMl() != null) {
                        ResidualVolumeCheck check = ResidualVolumeCheck.of(program, fillOf(previous), filledOn,
                                order.measuredResidualMl());
                        refill.expectedResidualMl = check.expectedResidualMl();
                        refill.possiblePocketFill = check.possiblePocketFill();
                    }
                    refill.refillDueOn = RefillPlan.of(program, fill).refillDueDate();
                    refill.recordedAt = now();
                    return refill.<RefillEntity>persist()
                            .call(() -> outbox.append(DosingEvents.refillRecorded(therapy, refill)))
                            .call(() -> scheduleRefillTimers(therapy, program, refill, fill));
                }));
            });
        });
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

    /** refill-due fires the notice period ahead of the due date; refill-overdue once the due date has passed. */
    private Uni<Void> scheduleRefillTimers(PumpTherapyEntity therapy, PumpProgram program, RefillEntity refill,
                                           ReservoirFill fill) {
        LocalDate due = RefillPlan.of(program, fill).refillDueDate();
        refill.refillDueOn = due;
        return timers.schedule(REFILL_DUE, therapy.id, REFILL_DUE,
                        due.minusDays(dueNoticeDays).atStartOfDay(hospitalZone).toInstant())
                .chain(() -> timers.schedule(REFILL_OVERDUE, therapy.id, REFILL_OVERDUE,
                        due.plusDays(1).atStartOfDay(hospitalZone).toInstant()))
                .replaceWithVoid();
    }

    static PumpProgram toDomain(Drug drug, PumpProgramEntity p) {
        return new PumpProgram(drug, p.concentrationPerMl, p.dailyDose, p.mode, p.bolusDose, p.bolusLockoutMinutes,
                p.maxBolusesPerDay);
    }

    private static ReservoirFill fillOf(RefillEntity refill) {
        return new ReservoirFill(refill.filledOn, refill.volumeAddedMl, refill.firstFill, refill.diluted);
    }

    /** The history of daily-dose changes of this drug, for its step rules. */
    private static List<DoseChange> doseChanges(List<PumpProgramEntity> history, String drug) {
        List<DoseChange> changes = new ArrayList<>();
        BigDecimal before = BigDecimal.ZERO;
        for (PumpProgramEntity program : history) {
            if (!program.drug.equals(drug)) {
                before = BigDecimal.ZERO;
                continue;
            }
            if (before.signum() > 0 && program.dailyDose.compareTo(before) != 0) {
                changes.add(new DoseChange(program.programmedAt.toInstant(), before, program.dailyDose));
            }
            before = program.dailyDose;
        }
        return changes;
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

    private static void requireActive(PumpTherapyEntity therapy) {
        if (therapy.status != PumpTherapyStatus.ACTIVE) {
            throw new StateConflictException("Pump therapy " + therapy.id + " is " + therapy.status);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
