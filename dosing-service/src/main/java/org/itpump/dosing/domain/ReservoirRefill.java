package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A refill as the nurse reports it: filledOn null means today (hospital zone); the concentration per mL with its
 * UCUM unit (mg/mL or ug/mL, converted exactly to the program's unit); measuredResidualMl null when not measured;
 * firstFill null means inferred (the therapy's first refill is its first fill).
 */
public record ReservoirRefill(LocalDate filledOn, BigDecimal volumeAddedMl, BigDecimal concentrationPerMl,
                              String concentrationUnit, String lot, BigDecimal measuredResidualMl, Boolean firstFill,
                              boolean diluted) {
}
