package org.itpump.dosing.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A program as recorded on a therapy: the figures in the drug's unit (doseUnit, as the library spells it;
 * concentration per mL), the library version that checked it, the override reason when a soft limit was passed,
 * and when it was programmed and superseded (null while in force).
 */
public record RecordedProgram(UUID id, UUID therapyId, String drug, String doseUnit, BigDecimal concentrationPerMl,
                              BigDecimal dailyDose, DeliveryMode mode, BigDecimal bolusDose,
                              Integer bolusLockoutMinutes, Integer maxBolusesPerDay, Indication indication,
                              int libraryVersion, String overrideReason, OffsetDateTime programmedAt,
                              OffsetDateTime supersededAt) {

    public DoseUnit unit() {
        return DoseUnit.ofSymbol(doseUnit);
    }

    /** Daily dose + max boluses per day x bolus dose, in doseUnit per day (exact). */
    public BigDecimal totalPossibleDailyDose() {
        return bolusDose == null || maxBolusesPerDay == null ? dailyDose
                : dailyDose.add(bolusDose.multiply(BigDecimal.valueOf(maxBolusesPerDay)));
    }

    /** The same program under the drug entry of the library version that checked it. */
    public PumpProgram asProgram(Drug checkedBy) {
        return new PumpProgram(checkedBy, concentrationPerMl, dailyDose, mode, bolusDose, bolusLockoutMinutes,
                maxBolusesPerDay);
    }

    RecordedProgram supersededAt(OffsetDateTime at) {
        return new RecordedProgram(id, therapyId, drug, doseUnit, concentrationPerMl, dailyDose, mode, bolusDose,
                bolusLockoutMinutes, maxBolusesPerDay, indication, libraryVersion, overrideReason, programmedAt, at);
    }
}
