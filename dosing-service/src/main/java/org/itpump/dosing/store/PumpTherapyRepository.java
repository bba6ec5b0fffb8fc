package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.persistence.LockModeType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.Keyset;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.dosing.domain.PumpTherapyStatus;

import java.util.UUID;

@ApplicationScoped
public class PumpTherapyRepository implements PanacheRepositoryBase<PumpTherapyEntity, UUID> {

    private static final Keyset<PumpTherapyEntity> OLDEST_FIRST =
            Keyset.of(PumpTherapyEntity.class, (PumpTherapyEntity t) -> t.id).ascending("openedAt");

    public Uni<PumpTherapyEntity> require(UUID therapyId) {
        return findById(therapyId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Pump therapy", therapyId));
    }

    /**
     * The therapy, its row locked (select ... for update) until the transaction ends: dose changes and refills of one
     * therapy run one after the other, each seeing the one before.
     */
    public Uni<PumpTherapyEntity> requireForUpdate(UUID therapyId) {
        return findById(therapyId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Pump therapy", therapyId));
    }

    public Uni<PumpTherapyEntity> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult();
    }

    /** One page, oldest first (then by id), by whichever of status and pathway is given. */
    public Uni<Page<PumpTherapyEntity>> search(PumpTherapyStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page);
    }
}
