package org.itpump.followup.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.Severity;
import org.itpump.followup.domain.plan.PlanChoices;
import org.itpump.followup.domain.plan.Stay;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;

public final class FollowupRequests {

    private FollowupRequests() {
    }

    /**
     * Every choice is sent (PUT replaces them), except {@code stay}, SAME_DAY when absent (clients written before it
     * existed keep working); the allowed ranges are clinical rules, answered 422.
     */
    public record ChangeChoices(
            @NotNull @Schema(description = "Observation after surgery: 1 to 8 hours for a SAME_DAY stay, up to 24 overnight, up to 72 multi-day", examples = "4") Integer observationHours,
            @NotNull @Schema(description = "No bending, stretching, stairs or strenuous exercise: 1 to 8 weeks", examples = "8") Integer activityRestrictionWeeks,
            @NotNull @Schema(description = "No driving: 2 to 4 weeks", examples = "4") Integer drivingRestrictionWeeks,
            @NotNull @Schema(description = "Oral pain medication: 1 to 6 weeks", examples = "3") Integer oralMedicationWeeks,
            @NotNull @Schema(description = "Wound check, 5 to 9 days after surgery", examples = "7") Integer woundCheckDay,
            @NotNull @Schema(description = "Suture or staple removal, 10 to 14 days after surgery", examples = "14") Integer sutureRemovalDay,
            @NotNull @Schema(description = "End of monitoring, 1 to 52 weeks, not before the last item", examples = "12") Integer monitoringWindowWeeks,
            @Schema(description = "SAME_DAY (default), OVERNIGHT (discharge by the day after surgery) or MULTI_DAY") Stay stay) {

        PlanChoices toDomain() {
            return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                    woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay == null ? Stay.SAME_DAY : stay);
        }
    }

    public record Discharge(
            @NotNull @Schema(description = "When the patient left, RFC 3339; after observation, on a day the stay allows (hospital zone)")
            OffsetDateTime dischargedAt,
            @Size(max = 500) @Schema(description = "Clinicians only: why the patient leaves before the 24 h observation an"
                    + " intrathecal opioid start requires; recorded and published with the clinician from the token")
            String observationOverrideReason) {
    }

    public record ReportComplication(
            @NotNull ComplicationKind kind,
            @NotNull Severity severity,
            @NotNull @Schema(description = "When it started, RFC 3339; after the implant and not in the future") OffsetDateTime onsetAt,
            @NotNull @Schema(description = "Findings the escalation rules key on; may be empty") Set<@NotNull ClinicalFeature> features) {
    }

    /**
     * The body is optional. The acknowledging clinician is the caller's token (JWT upn, else sub), never the body: a
     * body that names {@code acknowledgedBy} is refused with 400 so no client believes it chose who acknowledged.
     */
    public record Acknowledge(
            @Schema(description = "Refused when present: the acknowledging clinician is taken from the token", deprecated = true)
            String acknowledgedBy) {
    }

    public record RecordOutcome(
            @Schema(description = "When assessed, RFC 3339; now when absent") OffsetDateTime assessedAt,
            @NotNull @Min(0) @Max(10) @Schema(description = "Pain NRS 0-10") Integer painNrs,
            @NotNull @Min(0) @Max(10) @Schema(description = "Rigidity 0 (none) to 10 (worst)") Integer rigidityScore,
            @NotNull @Min(0) @Max(10) @Schema(description = "Muscle spasms 0 (none) to 10 (worst)") Integer spasmScore,
            @NotNull @DecimalMin("0") @Digits(integer = 5, fraction = 2)
            @Schema(description = "Oral opioids in morphine milligram equivalents per day; 0 when none", examples = "30") BigDecimal oralMmePerDay) {
    }
}
