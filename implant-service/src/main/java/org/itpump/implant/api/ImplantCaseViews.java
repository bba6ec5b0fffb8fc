package org.itpump.implant.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.implant.domain.CaseHistoryLine;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantCaseStatus;
import org.itpump.implant.domain.PreOpItem;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An implant case as each role may see it (least privilege, {@link CallerView}): clinicians, nurses and integration
 * engines get {@link ImplantCaseView} (everything here is published in implant.* anyway); a scheduler gets
 * {@link Scheduling}; ops gets {@link Operational}. Allow-lists: a field added to the case reaches the narrow views
 * only when added here.
 */
public final class ImplantCaseViews {

    private ImplantCaseViews() {
    }

    /** What a scheduler needs to book, move or cancel a theatre slot: no NRS, no procedure, no clinical free text. */
    @Schema(name = "ImplantCaseSchedulingView", description = "An implant case as a scheduler sees it (role scheduler)")
    public record Scheduling(UUID caseId, UUID pathwayId, String patientRef, UUID trialId, ImplantCaseStatus status,
                             OffsetDateTime openedAt, Set<PreOpItem> preOpConfirmed, List<PreOpItem> preOpMissing,
                             UUID bookingId, OffsetDateTime completedAt, OffsetDateTime closedAt) {
    }

    /**
     * Operational metadata only. patientRef is not sent; it stays in the record for the audit trail, which names
     * the patient whose case was read.
     */
    @Schema(name = "ImplantCaseOperationalView", description = "An implant case as ops sees it (role ops)")
    public record Operational(UUID caseId, UUID pathwayId, UUID trialId, ImplantCaseStatus status,
                              OffsetDateTime openedAt, int preOpMissingCount, UUID bookingId,
                              OffsetDateTime completedAt, OffsetDateTime explantedAt, OffsetDateTime closedAt,
                              @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    /** The view of {@code c} for {@code view}. */
    static Object of(ImplantCase c, CallerView view) {
        OffsetDateTime completedAt = c.implant() == null ? null : c.implant().completedAt();
        OffsetDateTime closedAt = c.closure() == null ? null : c.closure().closedAt();
        return switch (view) {
            case CLINICAL, PUBLISHED -> ImplantCaseView.of(c);
            case SCHEDULING -> new Scheduling(c.id(), c.pathwayId(), c.patientRef(), c.trialId(), c.status(),
                    c.openedAt(), c.preOpChecklist(), c.checklist().missing(), c.bookingId(), completedAt, closedAt);
            case OPERATIONAL -> new Operational(c.id(), c.pathwayId(), c.trialId(), c.status(), c.openedAt(),
                    c.checklist().missing().size(), c.bookingId(), completedAt,
                    c.explant() == null ? null : c.explant().explantedAt(), closedAt, c.patientRef());
        };
    }

    /** A history line; for schedulers and ops without its detail, which may name a device or a clinical reason. */
    static ImplantCaseView.HistoryLine of(CaseHistoryLine line, CallerView view) {
        ImplantCaseView.HistoryLine full = ImplantCaseView.HistoryLine.of(line);
        return view == CallerView.CLINICAL ? full : new ImplantCaseView.HistoryLine(full.at(), full.what(), null);
    }
}
