package org.itpump.implant.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One line of a case's history: what happened to it, when, and a detail (which may name a device or a reason). */
public record CaseHistoryLine(UUID caseId, OffsetDateTime at, String what, String detail) {
}
