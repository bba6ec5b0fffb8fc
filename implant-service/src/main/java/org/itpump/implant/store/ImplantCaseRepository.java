package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.implant.domain.ImplantCaseStatus;

import java.util.ArrayList;
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
        // Only the given filters go into the query: PostgreSQL cannot type a parameter that is only tested for null.
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (status != null) {
            where.add("status = :status");
            parameters.and("status", status);
        }
        if (pathwayId != null) {
            where.add("pathwayId = :pathwayId");
            parameters.and("pathwayId", pathwayId);
        }
        return where.isEmpty()
                ? listAll(Sort.ascending("openedAt"))
                : list(String.join(" and ", where), Sort.ascending("openedAt"), parameters);
    }
}
