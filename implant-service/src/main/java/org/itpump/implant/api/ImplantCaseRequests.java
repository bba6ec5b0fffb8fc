package org.itpump.implant.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

public final class ImplantCaseRequests {

    private ImplantCaseRequests() {
    }

    public record ScheduleSurgery(
            @NotNull @Schema(description = "Start of the surgery, RFC 3339 with offset; must be in the future")
            OffsetDateTime scheduledStart) {
    }

    public record CompleteImplant(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 3, fraction = 1)
            @Schema(description = "Reservoir volume of the implanted pump in mL (e.g. 20 or 40)", examples = "20")
            BigDecimal reservoirVolumeMl) {
    }
}
