package org.itpump.dosing.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.dosing.domain.PumpTherapyStatus;
import org.itpump.dosing.domain.PumpTherapy;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A pump therapy as each role may see it (least privilege, {@link CallerView}): clinicians, nurses, pharmacists and
 * integration engines get {@link PumpTherapyView} (published in dosing.* anyway); ops gets {@link Operational}.
 * Programs, refills and refill plans are doses and volumes: ops is not allowed on them (403).
 */
public final class PumpTherapyViews {

    private PumpTherapyViews() {
    }

    /**
     * Ids, status and timestamps: no reservoir, alarm volume or end reason (free text). patientRef is not sent; it
     * stays in the record for the audit trail, which names the patient read.
     */
    @Schema(name = "PumpTherapyOperationalView", description = "A pump therapy as ops sees it (role ops)")
    public record Operational(UUID therapyId, UUID pathwayId, UUID implantCaseId, PumpTherapyStatus status,
                              OffsetDateTime openedAt, OffsetDateTime endedAt,
                              @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    /** The view of {@code t} for {@code view}. */
    static Object of(PumpTherapy t, CallerView view) {
        return view == CallerView.OPERATIONAL || view == CallerView.SCHEDULING
                ? new Operational(t.id(), t.pathwayId(), t.implantCaseId(), t.status(), t.openedAt(), t.endedAt(),
                t.patientRef())
                : PumpTherapyView.of(t);
    }
}
