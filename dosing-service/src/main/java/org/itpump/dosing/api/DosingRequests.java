package org.itpump.dosing.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.dosing.domain.DeliveryMode;
import org.itpump.dosing.domain.Indication;

import java.math.BigDecimal;
import java.time.LocalDate;

public final class DosingRequests {

    private DosingRequests() {
    }

    public record ProgramPump(
            @NotBlank @Schema(description = "Drug code in the library", examples = "morphine") String drug,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 8, fraction = 4)
            @Schema(description = "Concentration, in concentrationUnit") BigDecimal concentrationPerMl,
            @NotBlank @Schema(description = "UCUM unit of the concentration: mg/mL or ug/mL (converted exactly to the "
                    + "drug's unit; any other is 422)", examples = "mg/mL") String concentrationUnit,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 8, fraction = 4)
            @Schema(description = "Daily dose, in dailyDoseUnit") BigDecimal dailyDose,
            @NotBlank @Schema(description = "UCUM unit of the daily dose: mg/d or ug/d", examples = "mg/d") String dailyDoseUnit,
            @NotNull DeliveryMode mode,
            @DecimalMin(value = "0", inclusive = false) @Digits(integer = 8, fraction = 4)
            @Schema(description = "Patient-activated bolus dose (bolus mode only), in bolusDoseUnit") BigDecimal bolusDose,
            @Schema(description = "UCUM unit of the bolus dose: mg or ug (with bolusDose)") String bolusDoseUnit,
            @Schema(description = "Minutes between boluses (bolus mode only)") Integer bolusLockoutMinutes,
            @Schema(description = "Most boluses per day (bolus mode only)") Integer maxBolusesPerDay,
            @Size(max = 500) @Schema(description = "Required when the dose exceeds the drug's soft limit; recorded and published")
            String overrideReason,
            @Schema(description = "Why the drug is given, where its rules depend on it: required for baclofen "
                    + "(SPASTICITY_OF_SPINAL_ORIGIN: increases of at most 30 % per 24 h; SPASTICITY_OF_CEREBRAL_ORIGIN: "
                    + "at most 15 %; LIORESAL-PI), then kept by later programs of the same drug when left out; a "
                    + "different one than the therapy's is 422") Indication indication) {
    }

    public record RecordRefill(
            @Schema(description = "Day of the refill in the hospital's zone (default today); not in the future, not "
                    + "before the previous fill (422)") LocalDate filledOn,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 3, fraction = 2) BigDecimal volumeAddedMl,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 8, fraction = 4) BigDecimal concentrationPerMl,
            @NotBlank @Schema(description = "UCUM unit of the concentration: mg/mL or ug/mL", examples = "mg/mL")
            String concentrationUnit,
            @NotBlank @Size(max = 40) @Schema(description = "Pharmacy lot number") String lot,
            @DecimalMin("0") @Digits(integer = 3, fraction = 2)
            @Schema(description = "Volume aspirated from the reservoir before refilling") BigDecimal measuredResidualMl,
            @Schema(description = "First fill after the implant (shorter stability for some drugs); when left out, the "
                    + "therapy's first refill is its first fill") Boolean firstFill,
            @Schema(description = "The drug was diluted") boolean diluted) {
    }

    public record AcknowledgeOverdue(
            @NotBlank @Size(max = 500) @Schema(description = "Who takes charge and how, e.g. refill booked for 14:00")
            String reason) {
    }
}
