package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.store.QueryFilter;
import org.itpump.implant.domain.ImplantCaseStatus;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ImplantCaseRepository implements PanacheRepositoryBase<ImplantCaseEntity, UUID> {

    public Uni<ImplantCaseEntity> require(UUID caseId) {
        return findById(caseId).onItem().ifNull().failWith(() -> new ResourceNotFoundException("Implant case", caseId));
    }

    public Uni<ImplantCaseEntity> byTrial(UUID trialId) {
        return find("trialId", trialId).firstResult();
    }

    /** Cases, oldest first, filtered by whichever of status and pathway is given. */
    public Uni<List<ImplantCaseEntity>> search(ImplantCaseStatus status, UUID pathwayId) {
        return QueryFilter.create().equal("status", status).equal("pathwayId", pathwayId)
                .list(this, Sort.ascending("openedAt"));
    }
}
