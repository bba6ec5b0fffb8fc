package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.followup.domain.MonitoringPlanStatus;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MonitoringPlanRepository implements PanacheRepositoryBase<MonitoringPlanEntity, UUID> {

    public Uni<MonitoringPlanEntity> require(UUID planId) {
        return findById(planId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Monitoring plan", planId));
    }

    public Uni<MonitoringPlanEntity> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult();
    }

    public Uni<List<MonitoringPlanEntity>> ofPathway(UUID pathwayId) {
        return list("pathwayId", Sort.ascending("startedAt"), pathwayId);
    }

    public Uni<List<MonitoringPlanEntity>> search(MonitoringPlanStatus status, UUID pathwayId) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .list(this, Sort.ascending("startedAt"));
    }

    public Uni<List<MonitoringPlanEntity>> byIds(Collection<UUID> planIds) {
        return planIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", planIds);
    }
}
