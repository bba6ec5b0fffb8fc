package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A refill as recorded: the fill (volumes in mL, concentration per mL in the program's dose unit), the residual
 * volume check when a residual was measured (expected, threshold and the pocket-fill flag, else null/false) and
 * the refill due date planned at it.
 */
public record RecordedRefill(UUID id, UUID therapyId, LocalDate filledOn, BigDecimal volumeAddedMl,
                             BigDecimal concentrationPerMl, String lot, boolean firstFill, boolean diluted,
                             BigDecimal expectedResidualMl, BigDecimal measuredResidualMl,
                             BigDecimal pocketFillThresholdMl, boolean possiblePocketFill, LocalDate refillDueOn,
                             OffsetDateTime recordedAt) {

    /** The fill this refill put in the reservoir, the start of its timeline. */
    public ReservoirFill fill() {
        return new ReservoirFill(filledOn, volumeAddedMl, firstFill, diluted);
    }
}
