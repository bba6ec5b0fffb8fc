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
import org.itpump.followup.domain.plan.PostImplantMonitoring;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Monitoring plans: the {@link PostImplantMonitoring} aggregate mapped to its row (optimistic version kept there). */
@ApplicationScoped
public class MonitoringPlanRepository implements PanacheRepositoryBase<MonitoringPlanEntity, UUID> {

    private static final Keyset<MonitoringPlanEntity> OLDEST_FIRST =
            Keyset.of(MonitoringPlanEntity.class, (MonitoringPlanEntity p) -> p.id).ascending("startedAt");

    public Uni<PostImplantMonitoring> require(UUID planId) {
        return findById(planId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Monitoring plan", planId))
                .map(MonitoringPlanRepository::toDomain);
    }

    /** The plan, or null. */
    public Uni<PostImplantMonitoring> find(UUID planId) {
        return findById(planId).map(MonitoringPlanRepository::toDomain);
    }

    /** The plan of an implant case, or null. */
    public Uni<PostImplantMonitoring> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult().map(MonitoringPlanRepository::toDomain);
    }

    public Uni<List<PostImplantMonitoring>> ofPathway(UUID pathwayId) {
        return list("pathwayId", Sort.ascending("startedAt"), pathwayId).map(MonitoringPlanRepository::toDomain);
    }

    /** One page, oldest first (then by id), by whichever of status and pathway is given. */
    public Uni<Page<PostImplantMonitoring>> search(MonitoringPlanStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page).map(found -> found.map(MonitoringPlanRepository::toDomain));
    }

    public Uni<List<PostImplantMonitoring>> byIds(Collection<UUID> planIds) {
        return planIds.isEmpty() ? Uni.createFrom().item(List.of())
                : list("id in ?1", planIds).map(MonitoringPlanRepository::toDomain);
    }

    /** Stores a plan just opened. */
    public Uni<Void> add(PostImplantMonitoring plan) {
        MonitoringPlanEntity entity = new MonitoringPlanEntity();
        entity.id = plan.id();
        entity.pathwayId = plan.pathwayId();
        entity.patientRef = plan.patientRef();
        entity.implantCaseId = plan.implantCaseId();
        entity.baselineNrs = plan.baselineNrs();
        entity.startedAt = plan.startedAt();
        entity.implantCompletedAt = plan.implantCompletedAt();
        entity.procedureEndedAt = plan.procedureEndedAt();
        entity.hospitalZone = plan.hospitalZone().getId();
        entity.deviceManufacturer = plan.deviceManufacturer();
        entity.deviceModel = plan.deviceModel();
        copyState(plan, entity);
        return persist(entity).replaceWithVoid();
    }

    /** Writes what an act changed to the row loaded in this session. */
    public Uni<Void> update(PostImplantMonitoring plan) {
        return findById(plan.id()).invoke(entity -> copyState(plan, entity)).replaceWithVoid();
    }

    private static void copyState(PostImplantMonitoring plan, MonitoringPlanEntity entity) {
        entity.status = plan.status();
        entity.choose(plan.choices());
        entity.startedDrug = plan.startedDrug();
        entity.dischargedAt = plan.dischargedAt();
        entity.dischargeOverrideReason = plan.dischargeOverrideReason();
        entity.dischargeOverrideBy = plan.dischargeOverrideBy();
        entity.replacedByCaseId = plan.replacedByCaseId();
        entity.endedAt = plan.endedAt();
        entity.endReason = plan.endReason();
    }

    private static List<PostImplantMonitoring> toDomain(List<MonitoringPlanEntity> entities) {
        return entities.stream().map(MonitoringPlanRepository::toDomain).toList();
    }

    static PostImplantMonitoring toDomain(MonitoringPlanEntity p) {
        return p == null ? null : new PostImplantMonitoring(p.id, p.pathwayId, p.patientRef, p.implantCaseId,
                p.baselineNrs, p.status, p.startedAt, p.implantCompletedAt, p.procedureEndedAt,
                ZoneId.of(p.hospitalZone), p.choices(), p.startedDrug, p.deviceManufacturer, p.deviceModel,
                p.dischargedAt, p.dischargeOverrideReason, p.dischargeOverrideBy, p.replacedByCaseId, p.endedAt,
                p.endReason);
    }
}
