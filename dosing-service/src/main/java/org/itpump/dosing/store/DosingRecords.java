package org.itpump.dosing.store;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.dosing.domain.PumpTherapyStatus;

import java.util.List;
import java.util.UUID;

/** A therapy's programs, refills and refill plans. */
@ApplicationScoped
public class DosingRecords {

    public Uni<List<PumpProgramEntity>> programs(UUID therapyId) {
        return PumpProgramEntity.list("therapyId", Sort.ascending("programmedAt"), therapyId);
    }

    public Uni<PumpProgramEntity> programInForce(UUID therapyId) {
        return PumpProgramEntity.find("therapyId = ?1 and supersededAt is null", therapyId).firstResult();
    }

    /** The program in force of every active therapy (what a new drug library version must still allow). */
    public Uni<List<PumpProgramEntity>> programsInForceOfActiveTherapies() {
        return PumpProgramEntity.list("supersededAt is null and therapyId in (select t.id from PumpTherapyEntity t"
                + " where t.status = ?1) order by programmedAt, id", PumpTherapyStatus.ACTIVE);
    }

    /** The therapies of these ids (any order). */
    public Uni<List<PumpTherapyEntity>> therapies(java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : PumpTherapyEntity.list("id in ?1", ids);
    }

    public Uni<List<RefillEntity>> refills(UUID therapyId) {
        return RefillEntity.list("therapyId", Sort.ascending("recordedAt"), therapyId);
    }

    /** Every refill plan of the therapy, oldest first. */
    public Uni<List<RefillPlanEntity>> plans(UUID therapyId) {
        return RefillPlanEntity.list("therapyId", Sort.ascending("plannedAt"), therapyId);
    }

    /** The plan in force: the newest; null before the first refill. */
    public Uni<RefillPlanEntity> planInForce(UUID therapyId) {
        return RefillPlanEntity.find("therapyId", Sort.descending("plannedAt"), therapyId).firstResult();
    }

    public Uni<RefillEntity> lastRefill(UUID therapyId) {
        return RefillEntity.find("therapyId", Sort.descending("recordedAt"), therapyId).firstResult();
    }
}
