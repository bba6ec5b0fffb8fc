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
import org.itpump.dosing.domain.PumpTherapy;
import org.itpump.dosing.domain.PumpTherapyStatus;

import java.util.UUID;

/** Pump therapies: the {@link PumpTherapy} aggregate mapped to its row (optimistic version kept in the row). */
@ApplicationScoped
public class PumpTherapyRepository implements PanacheRepositoryBase<PumpTherapyEntity, UUID> {

    private static final Keyset<PumpTherapyEntity> OLDEST_FIRST =
            Keyset.of(PumpTherapyEntity.class, (PumpTherapyEntity t) -> t.id).ascending("openedAt");

    public Uni<PumpTherapy> require(UUID therapyId) {
        return findById(therapyId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Pump therapy", therapyId))
                .map(PumpTherapyRepository::toDomain);
    }

    /**
     * The therapy, its row locked (select ... for update) until the transaction ends: dose changes and refills of one
     * therapy run one after the other, each seeing the one before.
     */
    public Uni<PumpTherapy> requireForUpdate(UUID therapyId) {
        return findById(therapyId, LockModeType.PESSIMISTIC_WRITE).onItem().ifNull()
                .failWith(() -> new ResourceNotFoundException("Pump therapy", therapyId))
                .map(PumpTherapyRepository::toDomain);
    }

    /** The therapy of an implant case, or null. */
    public Uni<PumpTherapy> byImplantCase(UUID implantCaseId) {
        return find("implantCaseId", implantCaseId).firstResult().map(PumpTherapyRepository::toDomain);
    }

    /** One page, oldest first (then by id), by whichever of status and pathway is given. */
    public Uni<Page<PumpTherapy>> search(PumpTherapyStatus status, UUID pathwayId, PageRequest page) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .page(this, OLDEST_FIRST, page).map(found -> found.map(PumpTherapyRepository::toDomain));
    }

    /** Stores a therapy just opened. */
    public Uni<Void> add(PumpTherapy therapy) {
        PumpTherapyEntity entity = new PumpTherapyEntity();
        entity.id = therapy.id();
        entity.pathwayId = therapy.pathwayId();
        entity.patientRef = therapy.patientRef();
        entity.implantCaseId = therapy.implantCaseId();
        entity.reservoirVolumeMl = therapy.reservoirVolumeMl();
        entity.lowReservoirAlarmMl = therapy.lowReservoirAlarmMl();
        copyState(therapy, entity);
        entity.openedAt = therapy.openedAt();
        return persist(entity).replaceWithVoid();
    }

    /** Writes what an act changed (its status and end) to the row loaded in this session. */
    public Uni<Void> update(PumpTherapy therapy) {
        return findById(therapy.id()).invoke(entity -> copyState(therapy, entity)).replaceWithVoid();
    }

    private static void copyState(PumpTherapy therapy, PumpTherapyEntity entity) {
        entity.status = therapy.status();
        entity.endedAt = therapy.endedAt();
        entity.endReason = therapy.endReason();
    }

    static PumpTherapy toDomain(PumpTherapyEntity t) {
        return t == null ? null : new PumpTherapy(t.id, t.pathwayId, t.patientRef, t.implantCaseId,
                t.reservoirVolumeMl, t.lowReservoirAlarmMl, t.status, t.openedAt, t.endedAt, t.endReason);
    }
}
