package org.itpump.gateway.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A pump program as dosing-service publishes it (dosing.pump-programmed): exact decimal doses in {@code doseUnit}
 * ("mcg" or "mg" in the events) per day and per bolus.
 *
 * @param rxnormCode the drug's RxNorm ingredient code as the event gives it ({@code program.drugCode}, issue 15), or
 *                   null from producers before it (readers then fall back to their own table)
 */
public record PumpProgram(UUID programId, UUID pathwayId, String patientRef, String drug, String rxnormCode,
                          String doseUnit, BigDecimal dailyDose, BigDecimal bolusDose, Integer maxBolusesPerDay,
                          OffsetDateTime programmedAt) {

    /** The dose unit in UCUM: micrograms are {@code ug} (UCUM has no "mcg"), milligrams {@code mg}. */
    public String ucumDoseUnit() {
        return switch (doseUnit) {
            case "mcg", "ug", "µg" -> "ug";
            case "mg" -> "mg";
            default -> throw new IllegalArgumentException("Dose unit " + doseUnit + " has no UCUM mapping here");
        };
    }
}
