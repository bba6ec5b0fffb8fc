package org.itpump.dosing.store;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.dosing.domain.DoseUnit;
import org.itpump.dosing.domain.LibraryChange;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.RecordedProgram;
import org.itpump.dosing.domain.RecordedRefill;
import org.itpump.dosing.domain.RecordedRefillPlan;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A therapy's programs, refills and refill plans, mapped to and from their domain records. Rows are written once,
 * except a program's supersededAt.
 */
@ApplicationScoped
public class DosingRecords {

    public Uni<List<RecordedProgram>> programs(UUID therapyId) {
        return PumpProgramEntity.<PumpProgramEntity>list("therapyId", Sort.ascending("programmedAt"), therapyId)
                .map(list -> list.stream().map(DosingRecords::toDomain).toList());
    }

    /** The program in force, or null before the first. */
    public Uni<RecordedProgram> programInForce(UUID therapyId) {
        return PumpProgramEntity.<PumpProgramEntity>find("therapyId = ?1 and supersededAt is null", therapyId)
                .firstResult().map(DosingRecords::toDomain);
    }

    /**
     * The program in force of every active therapy (what a new drug library version must still allow), oldest
     * first, with its therapy's pathway and patient.
     */
    public Uni<List<LibraryChange.ProgramInForce>> programsInForceOfActiveTherapies() {
        return PumpProgramEntity.<PumpProgramEntity>list("supersededAt is null and therapyId in (select t.id from "
                        + "PumpTherapyEntity t where t.status = ?1) order by programmedAt, id", PumpTherapyStatus.ACTIVE)
                .chain(programs -> therapies(programs.stream().map(p -> p.therapyId).collect(Collectors.toSet()))
                        .map(therapies -> {
                            Map<UUID, PumpTherapyEntity> byId = therapies.stream()
                                    .collect(Collectors.toMap(t -> t.id, Function.identity()));
                            return programs.stream().map(p -> {
                                PumpTherapyEntity t = byId.get(p.therapyId);
                                return new LibraryChange.ProgramInForce(t.id, t.pathwayId, t.patientRef, p.id,
                                        p.libraryVersion, p.drug, DoseUnit.ofSymbol(p.doseUnit), p.concentrationPerMl,
                                        p.dailyDose, p.bolusDose, p.maxBolusesPerDay);
                            }).toList();
                        }));
    }

    private Uni<List<PumpTherapyEntity>> therapies(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : PumpTherapyEntity.list("id in ?1", ids);
    }

    public Uni<List<RecordedRefill>> refills(UUID therapyId) {
        return RefillEntity.<RefillEntity>list("therapyId", Sort.ascending("recordedAt"), therapyId)
                .map(list -> list.stream().map(DosingRecords::toDomain).toList());
    }

    /** Every refill plan of the therapy, oldest first. */
    public Uni<List<RecordedRefillPlan>> plans(UUID therapyId) {
        return RefillPlanEntity.<RefillPlanEntity>list("therapyId", Sort.ascending("plannedAt"), therapyId)
                .map(list -> list.stream().map(DosingRecords::toDomain).toList());
    }

    /** The plan in force: the newest; null before the first refill. */
    public Uni<RecordedRefillPlan> planInForce(UUID therapyId) {
        return RefillPlanEntity.<RefillPlanEntity>find("therapyId", Sort.descending("plannedAt"), therapyId)
                .firstResult().map(DosingRecords::toDomain);
    }

    /** The last refill, or null before the first. */
    public Uni<RecordedRefill> lastRefill(UUID therapyId) {
        return RefillEntity.<RefillEntity>find("therapyId", Sort.descending("recordedAt"), therapyId)
                .firstResult().map(DosingRecords::toDomain);
    }

    /** Stores a new program and, when it superseded one, that one's supersededAt. */
    public Uni<Void> add(RecordedProgram program, RecordedProgram superseded) {
        Uni<Void> before = superseded == null ? Uni.createFrom().voidItem()
                : PumpProgramEntity.<PumpProgramEntity>findById(superseded.id()).invoke(entity ->
                        entity.supersededAt = superseded.supersededAt()).replaceWithVoid();
        return before.chain(() -> toEntity(program).persist()).replaceWithVoid();
    }

    public Uni<Void> add(RecordedRefill r) {
        RefillEntity e = new RefillEntity();
        e.id = r.id();
        e.therapyId = r.therapyId();
        e.filledOn = r.filledOn();
        e.volumeAddedMl = r.volumeAddedMl();
        e.concentrationPerMl = r.concentrationPerMl();
        e.lot = r.lot();
        e.firstFill = r.firstFill();
        e.diluted = r.diluted();
        e.expectedResidualMl = r.expectedResidualMl();
        e.measuredResidualMl = r.measuredResidualMl();
        e.pocketFillThresholdMl = r.pocketFillThresholdMl();
        e.possiblePocketFill = r.possiblePocketFill();
        e.refillDueOn = r.refillDueOn();
        e.recordedAt = r.recordedAt();
        return e.persist().replaceWithVoid();
    }

    public Uni<Void> add(RecordedRefillPlan p) {
        RefillPlanEntity e = new RefillPlanEntity();
        e.id = p.id();
        e.therapyId = p.therapyId();
        e.refillId = p.refillId();
        e.programId = p.programId();
        e.reason = p.reason();
        e.drug = p.drug();
        e.withdrawalCritical = p.withdrawalCritical();
        e.plannedAt = p.plannedAt();
        e.volumeLeftMl = p.volumeLeftMl();
        e.alarmAt = p.alarmAt();
        e.emptyAt = p.emptyAt();
        e.safetyMarginDays = p.safetyMarginDays();
        e.refillDueOn = p.refillDueOn();
        e.previousRefillDueOn = p.previousRefillDueOn();
        e.firstOverdueAlertAt = p.firstOverdueAlertAt();
        return e.persist().replaceWithVoid();
    }

    static RecordedProgram toDomain(PumpProgramEntity p) {
        return p == null ? null : new RecordedProgram(p.id, p.therapyId, p.drug, p.doseUnit, p.concentrationPerMl,
                p.dailyDose, p.mode, p.bolusDose, p.bolusLockoutMinutes, p.maxBolusesPerDay, p.indication,
                p.libraryVersion, p.overrideReason, p.programmedAt, p.supersededAt);
    }

    private static PumpProgramEntity toEntity(RecordedProgram p) {
        PumpProgramEntity e = new PumpProgramEntity();
        e.id = p.id();
        e.therapyId = p.therapyId();
        e.drug = p.drug();
        e.doseUnit = p.doseUnit();
        e.concentrationPerMl = p.concentrationPerMl();
        e.dailyDose = p.dailyDose();
        e.mode = p.mode();
        e.bolusDose = p.bolusDose();
        e.bolusLockoutMinutes = p.bolusLockoutMinutes();
        e.maxBolusesPerDay = p.maxBolusesPerDay();
        e.indication = p.indication();
        e.libraryVersion = p.libraryVersion();
        e.overrideReason = p.overrideReason();
        e.programmedAt = p.programmedAt();
        e.supersededAt = p.supersededAt();
        return e;
    }

    static RecordedRefill toDomain(RefillEntity r) {
        return r == null ? null : new RecordedRefill(r.id, r.therapyId, r.filledOn, r.volumeAddedMl,
                r.concentrationPerMl, r.lot, r.firstFill, r.diluted, r.expectedResidualMl, r.measuredResidualMl,
                r.pocketFillThresholdMl, r.possiblePocketFill, r.refillDueOn, r.recordedAt);
    }

    static RecordedRefillPlan toDomain(RefillPlanEntity p) {
        return p == null ? null : new RecordedRefillPlan(p.id, p.therapyId, p.refillId, p.programId, p.reason, p.drug,
                p.withdrawalCritical, p.plannedAt, p.volumeLeftMl, p.alarmAt, p.emptyAt, p.safetyMarginDays,
                p.refillDueOn, p.previousRefillDueOn, p.firstOverdueAlertAt);
    }
}
