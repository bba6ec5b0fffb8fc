package org.itpump.followup.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.followup.domain.MonitoringPlanStatus;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MonitoringPlanRepository implements PanacheRepositoryBase<MonitoringPlanEntity, UUID> {

    private static final Keyset<MonitoringPlanEntity> OLDEST_FIRST =
            Keyset.of(MonitoringPlanEntity.class, (MonitoringPlanEntity p) -> p.id).ascending("startedAt");

    public Uni<MonitoringPlanEntity> require(UUID planId) {
        return findById(planId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Monitoring plan", planId));
    }

    public Uni<MonitoringPlanEntity> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult();
    }

    public Uni<List<MonitoringPlanEntity>> ofPathway(UUID pathwayId) {
        return list("pathwayId", Sort.ascending("startedAt"), pathwayId);
    }

    /** One page, oldest first (then by id), by whichever of status and pathway is given. */
    public Uni<Page<MonitoringPlanEntity>> search(MonitoringPlanStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page);
    }

    public Uni<List<MonitoringPlanEntity>> byIds(Collection<UUID> planIds) {
        return planIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", planIds);
    }
}
