package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.dosing.domain.PumpTherapyStatus;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PumpTherapyRepository implements PanacheRepositoryBase<PumpTherapyEntity, UUID> {

    public Uni<PumpTherapyEntity> require(UUID therapyId) {
        return findById(therapyId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Pump therapy", therapyId));
    }

    public Uni<PumpTherapyEntity> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult();
    }

    public Uni<List<PumpTherapyEntity>> search(PumpTherapyStatus status, UUID pathwayId) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .list(this, Sort.ascending("openedAt"));
    }
}
