package org.itpump.console.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An implant case with its current theatre booking (none while awaiting scheduling). Status: AWAITING_SCHEDULING,
 * SCHEDULED, COMPLETED, EXPLANTED or CLOSED, as implant.* events move it. {@code preOpComplete} null: no
 * implant.pre-op-checklist-updated yet; {@code preOpOutstanding} comma-separated items. Room and surgeon ids are implant-service's.
 */
public record CaseOnBoard(UUID caseId, UUID pathwayId, String patientRef, String status, Instant openedAt,
                          UUID bookingId, String operatingRoomId, String operatingRoom, String surgeonId, String surgeon,
                          Instant start, Instant end, Boolean preOpComplete, String preOpOutstanding) {

    /** The pre-op checklist in words: complete, the items outstanding, or not yet confirmed (nothing published). */
    public String preOpState() {
        if (preOpComplete == null) {
            return "not confirmed yet";
        }
        return preOpComplete ? "complete" : "outstanding: " + preOpOutstanding.replace(",", ", ");
    }
}
