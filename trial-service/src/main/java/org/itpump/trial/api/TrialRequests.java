package org.itpump.trial.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the trial API. */
public final class TrialRequests {

    private TrialRequests() {
    }

    public record StartTrial(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be an opaque reference (1-64 of A-Z a-z 0-9 . _ : -), never a name")
            @Schema(description = "Opaque patient reference from the hospital; never a name or other direct identifier", examples = "MRN-REF-000123")
            String patientRef,
            @NotNull @Min(0) @Max(10)
            @Schema(description = "Baseline pain on the numeric rating scale (0-10) before the trial dose; at least 1 to measure relief")
            Integer baselineNrs) {
    }

    public record RecordAssessment(
            @NotNull @Min(0) @Max(10)
            @Schema(description = "Pain on the numeric rating scale (0-10) after the trial dose")
            Integer nrs) {
    }
}
