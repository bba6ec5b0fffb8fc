package org.itpump.implant.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.implant.domain.BookingChangeReason;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantProcedure;
import org.itpump.implant.domain.PreOpItem;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

public final class ImplantCaseRequests {

    private ImplantCaseRequests() {
    }

    public record ConfirmPreOp(
            @NotNull @Schema(description = "Every pre-op item confirmed so far: consent, anticoagulation held, infection screen, imaging")
            Set<@NotNull PreOpItem> confirmed) {
    }

    public record BookTheatre(
            @NotNull UUID operatingRoomId,
            @NotNull UUID surgeonId,
            @NotNull @Schema(description = "Start of the surgery, RFC 3339 with offset; must be in the future") OffsetDateTime start,
            @NotNull @Schema(description = "30 to 480 minutes", examples = "120") Integer durationMinutes) {
    }

    public record RescheduleTheatre(
            @NotNull UUID operatingRoomId,
            @NotNull UUID surgeonId,
            @NotNull OffsetDateTime start,
            @NotNull Integer durationMinutes,
            @NotBlank @Size(max = 200) @Schema(description = "Why the booking moves (SIU S13 reason)") String reason,
            @Schema(description = "Optional: the reason coded (SIU SCH-6), e.g. SURGEON_UNAVAILABLE")
            BookingChangeReason reasonCode) {
    }

    public record CancelBooking(
            @NotBlank @Size(max = 200) @Schema(description = "Why the booking is cancelled (SIU S15 reason)") String reason,
            @Schema(description = "Optional: the reason coded (SIU SCH-6), e.g. PATIENT_UNWELL")
            BookingChangeReason reasonCode) {
    }

    public record Device(
            @NotBlank @Size(max = 80) @Schema(description = "As in the device catalogue, e.g. Medtronic", examples = "Medtronic") String manufacturer,
            @NotBlank @Size(max = 80) @Schema(description = "A device catalogue model (any case), e.g. SynchroMed II or Prometra II", examples = "SynchroMed II") String model,
            @NotBlank @Size(max = 80) String serialNumber,
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 3, fraction = 1)
            @Schema(description = "Reservoir volume in mL, one the model is made in (SynchroMed II: 20 or 40)", examples = "20") BigDecimal reservoirVolumeMl,
            @Size(max = 80) @Schema(description = "Optional: lot or batch number from the label") String lotNumber,
            @Schema(description = "Optional: use-by date from the label", examples = "2028-06-30") LocalDate expiresOn,
            @Size(max = 200) @Schema(description = "Optional: the UDI as printed (human-readable form)") String udi) {
    }

    /** The intrathecal catheter (optional): its label's identifiers. */
    public record Catheter(
            @NotBlank @Size(max = 80) @Schema(examples = "Medtronic") String manufacturer,
            @NotBlank @Size(max = 80) @Schema(examples = "Ascenda 8781") String model,
            @Size(max = 80) String serialNumber,
            @Size(max = 80) String lotNumber,
            LocalDate expiresOn,
            @Size(max = 200) @Schema(description = "The UDI as printed (human-readable form)") String udi) {
    }

    public record CompleteImplant(
            @NotBlank @Schema(description = "Part 1: where the intrathecal catheter enters, e.g. L2-L3", examples = "L2-L3") String catheterEntryLevel,
            @NotBlank @Schema(description = "Part 1: catheter tip level, at or above the entry, e.g. T10", examples = "T10") String catheterTipLevel,
            @NotNull @Schema(description = "Part 2: side of the abdominal pocket") ImplantProcedure.PocketSide pumpPocketSide,
            @NotNull @Valid Device device,
            @NotNull ImplantProcedure.Anesthesia anesthesia,
            @NotNull OffsetDateTime startedAt,
            @NotNull OffsetDateTime endedAt,
            @Valid @Schema(description = "Optional: the intrathecal catheter device implanted") Catheter catheter) {
    }

    public record Explant(@NotNull ExplantReason reason,
                          @Valid @Schema(description = "Optional: how the pump's drug is withdrawn, for an explant planned"
                                  + " in advance (a baclofen pump's explant still raises an URGENT escalation)")
                          WithdrawalPlan withdrawalPlan) {
    }

    public record WithdrawalPlan(
            @NotNull @Schema(description = "TAPER of the intrathecal dose, ORAL_BRIDGE (e.g. oral baclofen) or both")
            org.itpump.implant.domain.WithdrawalPlan.Kind kind,
            @NotNull @Schema(description = "First day of the plan (hospital zone); not after the explant, not in the future",
                    examples = "2026-11-20") LocalDate startedOn,
            @Size(max = 500) @Schema(description = "Drug, doses, who follows it") String detail) {
    }

    public record Replacement(
            @NotNull @Schema(description = "Why the pump is replaced, e.g. BATTERY_END_OF_LIFE or DEVICE_MALFUNCTION;"
                    + " it becomes the replaced pump's explant reason") ExplantReason reason) {
    }

    public record RegisterRoom(@NotBlank @Size(max = 60) String name) {
    }

    public record RegisterSurgeon(@NotBlank @Size(max = 120) String name,
                                  @NotBlank @Size(max = 64) @Schema(description = "Hospital staff reference") String staffRef) {
    }
}
