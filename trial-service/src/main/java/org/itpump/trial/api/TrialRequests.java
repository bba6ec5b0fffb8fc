package org.itpump.trial.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.TrialType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** Request bodies of the trial API. */
public final class TrialRequests {

    private TrialRequests() {
    }

    public record RegisterCandidate(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be an opaque reference (1-64 of A-Z a-z 0-9 . _ : -), never a name")
            @Schema(description = "Opaque patient reference from the hospital; never a name or other direct identifier", examples = "MRN-REF-000123")
            String patientRef,
            @NotNull Indication indication) {
    }

    public record DocumentEligibility(
            @NotNull @Schema(description = "Every checklist item documented so far; a trial starts only when all five are")
            Set<@NotNull EligibilityItem> documented) {
    }

    public record StartTrial(
            @NotNull UUID candidateId,
            @NotNull TrialType trialType,
            @NotNull @Pattern(regexp = "[a-z][a-z -]{1,40}", message = "must be a generic drug name in lower case")
            @Schema(examples = "morphine") String drug,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 8, fraction = 4)
            @Schema(description = "Bolus dose, or dose per day for a continuous infusion, in doseUnit") BigDecimal dose,
            @NotNull DoseUnit doseUnit,
            @NotNull @Min(0) @Max(10)
            @Schema(description = "Baseline pain on the numeric rating scale (0-10) before the trial dose; at least 1 to measure relief")
            Integer baselineNrs) {
    }

    public record RecordAssessment(
            @NotNull @Min(0) @Max(10) @Schema(description = "Pain on the numeric rating scale (0-10) after the trial dose")
            Integer nrs,
            @NotNull @Min(0) @Max(20160) @Schema(description = "Minutes since the trial dose was given") Integer minutesSinceDose,
            @NotNull @DecimalMin("0") @Digits(integer = 6, fraction = 2)
            @Schema(description = "Oral opioid use, morphine milligram equivalents per day") BigDecimal oralMmePerDay,
            @Min(0) @Max(100) @Schema(description = "Optional function score (0-100)") Integer functionScore,
            @Schema(description = "When the assessment was taken (default: now); within the trial window, not in the future")
            OffsetDateTime assessedAt) {
    }

    /**
     * The clinician's reason to go on with a trial held on a HARD dose finding. The clinician is the caller's token
     * (upn, else sub), never the body: a body naming {@code overriddenBy} is refused with 400.
     */
    public record RecordDoseOverride(
            @NotBlank @Size(max = 500) @Schema(description = "Why the trial may go on despite the hard-limit finding; published")
            String reason,
            @Schema(description = "Refused when present: the clinician is taken from the token", deprecated = true)
            String overriddenBy) {
    }

    public record CancelTrial(
            @NotNull CancellationReason reason,
            @Size(max = 500) @Schema(description = "Clinician's note; stays in trial-service, never published") String note) {
    }
}
