package org.itpump.dosing.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.timer.DueTimers;
import org.itpump.dosing.domain.DeliveryMode;
import org.itpump.dosing.domain.DoseQuantity;
import org.itpump.dosing.domain.Drug;
import org.itpump.dosing.domain.Indication;
import org.itpump.dosing.domain.PumpProgram;
import org.itpump.dosing.domain.PumpTherapy;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.RecordedProgram;
import org.itpump.dosing.domain.RecordedRefill;
import org.itpump.dosing.domain.RecordedRefillPlan;
import org.itpump.dosing.domain.RefillPlan;
import org.itpump.dosing.domain.ReservoirRefill;
import org.itpump.dosing.domain.ReservoirTimeline;
import org.itpump.dosing.store.DosingRecords;
import org.itpump.dosing.store.PumpTherapyRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pump therapy use cases: each loads the {@link PumpTherapy} and what its act needs, calls the act, stores what it
 * returned and appends its events to the outbox, in one transaction; refill plans also move their durable timers.
 */
@ApplicationScoped
public class PumpTherapyService {

    static final String REFILL_DUE = "refill-due";
    static final String REFILL_OVERDUE = "refill-overdue";

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

        /** The program in the drug's unit, held to its hard limits (422 otherwise). */
        PumpProgram program(Drug drug) {
            return new PumpProgram(drug,
                    new DoseQuantity(concentrationPerMl, concentrationUnit)
                            .in(drug, DoseQuantity.Kind.CONCENTRATION, "concentration"),
                    new DoseQuantity(dailyDose, dailyDoseUnit).in(drug, DoseQuantity.Kind.DAILY_DOSE, "daily dose"),
                    mode, bolusDose == null ? null : new DoseQuantity(bolusDose, bolusDoseUnit)
                            .in(drug, DoseQuantity.Kind.DOSE, "bolus dose"),
                    bolusLockoutMinutes, maxBolusesPerDay);
        }
    }

    /** firstFill null: inferred (the therapy's first refill is its first fill). */
    public record RefillOrder(LocalDate filledOn, BigDecimal volumeAddedMl, BigDecimal concentrationPerMl,
                              String concentrationUnit, String lot, BigDecimal measuredResidualMl, Boolean firstFill,
                              boolean diluted) {

        ReservoirRefill refill() {
            return new ReservoirRefill(filledOn, volumeAddedMl, concentrationPerMl, concentrationUnit, lot,
                    measuredResidualMl, firstFill, diluted);
        }
    }

    /**
     * What dosing-service reads of implant.completed: device is optional for this reader (its
     * lowReservoirAlarmMl came with issue 12 section 2; older events have none).
     */
    public record ImplantCompleted(UUID pathwayId, String patientRef, UUID caseId, BigDecimal reservoirVolumeMl,
                                   Device device) {

        /**
         * The pump's low-reservoir alarm volume in mL, from the implant's device catalogue; an event without it
         * (published before the catalogue) gets the 2 mL that dosing assumed for every pump until then.
         */
        public BigDecimal lowReservoirAlarmMl() {
            return device == null || device.lowReservoirAlarmMl() == null ? RefillPlan.DEFAULT_ALARM_VOLUME_ML
                    : device.lowReservoirAlarmMl();
        }
    }

    /** What dosing-service reads of implant.completed's device. */
    public record Device(BigDecimal lowReservoirAlarmMl) {
    }

    /** What dosing-service reads of implant.explanted. */
    public record ImplantExplanted(UUID pathwayId, UUID caseId) {
    }

    private final PumpTherapyRepository therapies;
    private final DosingRecords records;
    private final DrugLibraryService library;
    private final DueTimers timers;
    private final DosingOutbox outbox;
    private final Clock clock;
    private final ZoneId hospitalZone;
    private final int dueNoticeDays;
    private final BigDecimal pocketFillThresholdPerMl;

    PumpTherapyService(PumpTherapyRepository therapies, DosingRecords records, DrugLibraryService library,
                       DueTimers timers, DosingOutbox outbox, Clock clock,
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
    public Uni<PumpTherapy> openForImplant(ImplantCompleted implant) {
        var opened = PumpTherapy.openForImplant(implant.pathwayId(), implant.patientRef(), implant.caseId(),
                implant.reservoirVolumeMl(), implant.lowReservoirAlarmMl(), clock.instant());
        return therapies.byImplantCase(implant.caseId()).onItem().ifNull().switchTo(() ->
                therapies.add(opened.result()).chain(() -> outbox.append(opened.events())).replaceWith(opened.result()));
    }

    /** implant.explanted ends the therapy and its refill timers; a repeat changes nothing; before the therapy opens it is held. */
    public Uni<Void> endForExplant(ImplantExplanted explant) {
        return therapies.byImplantCase(explant.caseId()).chain(therapy -> {
            if (therapy == null) {
                throw new AwaitingStateException("no pump therapy for implant case " + explant.caseId()
                        + " yet (implant.completed not applied)");
            }
            var events = therapy.endForExplant(clock.instant());
            if (events.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return therapies.update(therapy).chain(() -> timers.cancelAll(therapy.id()))
                    .chain(() -> outbox.append(events));
        });
    }

    /**
     * Programs the pump ({@link PumpTherapy#program}), checked against the drug library in force (its version is
     * recorded). After a refill, a program change re-plans the refill from the volume left now (a new plan,
     * published as dosing.refill-replanned).
     */
    @WithTransaction
    public Uni<RecordedProgram> program(UUID therapyId, ProgramOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            therapy.requireActive();
            return library.currentForProgramming().chain(drugs -> records.programs(therapyId).chain(history -> {
                PumpProgram program = order.program(drugs.drug(order.drug()));
                var changed = therapy.program(program, order.overrideReason(), order.indication(), history,
                        clock.instant());
                RecordedProgram recorded = changed.result().program();
                List<RecordedProgram> programs = new ArrayList<>(history);
                programs.add(recorded);
                return records.add(recorded, changed.result().superseded())
                        .chain(() -> outbox.append(changed.events()))
                        .chain(() -> records.lastRefill(therapyId).chain(refill -> refill == null
                                ? Uni.createFrom().voidItem() : replan(therapy, refill, programs)))
                        .replaceWith(recorded);
            }));
        });
    }

    /**
     * Records a refill ({@link PumpTherapy#recordRefill}): the next refill planned from the volume left now, and
     * its timers moved.
     */
    @WithTransaction
    public Uni<RecordedRefill> refill(UUID therapyId, RefillOrder order) {
        return therapies.requireForUpdate(therapyId).chain(therapy -> {
            therapy.requireActive();
            return records.programInForce(therapyId).chain(inForce -> records.lastRefill(therapyId)
                    .chain(previous -> records.planInForce(therapyId)
                    .chain(before -> records.programs(therapyId).chain(this::periods).chain(periods -> {
                        var refilled = therapy.recordRefill(order.refill(), inForce, previous, before, periods,
                                hospitalZone, pocketFillThresholdPerMl, clock.instant());
                        RecordedRefill refill = refilled.result().refill();
                        return records.add(refill).chain(() -> outbox.append(refilled.events()))
                                .chain(() -> storePlan(refilled.result().plan(), before))
                                .replaceWith(refill);
                    }))));
        });
    }

    /**
     * Stops the repeating overdue alerts of the plan in force (a clinician or nurse has taken charge), with the
     * reason, published as dosing.refill-overdue-acknowledged. 409 when no overdue alert has gone out yet.
     */
    @WithTransaction
    public Uni<RecordedRefillPlan> acknowledgeOverdue(UUID therapyId, String reason) {
        return therapies.require(therapyId).chain(therapy -> {
            therapy.requireActive();
            return records.planInForce(therapyId).chain(plan -> {
                var events = therapy.acknowledgeOverdue(plan, reason, clock.instant());
                return timers.cancel(therapyId, REFILL_OVERDUE).chain(() -> outbox.append(events)).replaceWith(plan);
            });
        });
    }

    /** The plan of the last refill made again from the volume left now (a program changed). */
    private Uni<Void> replan(PumpTherapy therapy, RecordedRefill refill, List<RecordedProgram> programs) {
        return periods(programs).chain(periods -> records.planInForce(therapy.id()).chain(before -> {
            var replanned = therapy.replanForProgramChange(refill, programs.get(programs.size() - 1), periods, before,
                    hospitalZone, clock.instant());
            return storePlan(replanned.result(), before).chain(() -> outbox.append(replanned.events()));
        }));
    }

    /**
     * Stores the plan as a new row (the old ones stay: the history) and moves the timers when their instants
     * changed: refill-due the notice period ahead of the due date, refill-overdue at the plan's first overdue alert
     * (then repeating, see RefillTimers).
     */
    private Uni<Void> storePlan(RecordedRefillPlan plan, RecordedRefillPlan before) {
        UUID therapyId = plan.therapyId();
        return records.add(plan)
                .chain(() -> plan.dueMovedFrom(before) ? timers.schedule(REFILL_DUE, therapyId, REFILL_DUE,
                        plan.dueNoticeAt(dueNoticeDays, hospitalZone)).replaceWithVoid() : Uni.createFrom().voidItem())
                .chain(() -> plan.overdueAlertMovedFrom(before) ? timers.schedule(REFILL_OVERDUE, therapyId,
                        REFILL_OVERDUE, plan.firstOverdueAlertAt().toInstant()).replaceWithVoid()
                        : Uni.createFrom().voidItem());
    }

    /** The programs as periods of the reservoir timeline, each under the library version that checked it. */
    private Uni<List<ReservoirTimeline.ProgramPeriod>> periods(List<RecordedProgram> programs) {
        return library.pinned(programs.stream().map(RecordedProgram::libraryVersion).toList()).map(libraries ->
                programs.stream().map(p -> new ReservoirTimeline.ProgramPeriod(p.programmedAt().toInstant(),
                        p.asProgram(libraries.get(p.libraryVersion()).drug(p.drug())))).toList());
    }

    @WithSession
    public Uni<PumpTherapy> find(UUID therapyId) {
        return therapies.require(therapyId);
    }

    @WithSession
    public Uni<List<RecordedProgram>> programs(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.programs(therapyId));
    }

    @WithSession
    public Uni<List<RecordedRefill>> refills(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.refills(therapyId));
    }

    @WithSession
    public Uni<Page<PumpTherapy>> search(PumpTherapyStatus status, UUID pathwayId, PageRequest page) {
        return therapies.search(status, pathwayId, page);
    }

    @WithSession
    public Uni<List<RecordedRefillPlan>> plans(UUID therapyId) {
        return therapies.require(therapyId).chain(() -> records.plans(therapyId));
    }
}
