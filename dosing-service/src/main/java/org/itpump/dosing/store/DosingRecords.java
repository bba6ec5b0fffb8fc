package org.itpump.dosing.store;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

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
