package org.itpump.followup.domain.outcome;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One outcome assessment with its comparison against the pre-trial baseline, as computed when recorded
 * (oralMmePerDay in mg/d oral morphine equivalents; painReductionPercent null when the baseline NRS was 0).
 */
public record RecordedOutcome(UUID id, UUID planId, OffsetDateTime assessedAt, int painNrs, int rigidityScore,
                              int spasmScore, BigDecimal oralMmePerDay, int painReductionNrs,
                              BigDecimal painReductionPercent, OffsetDateTime recordedAt) {
}
