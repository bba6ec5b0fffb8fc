package org.itpump.chassis.breakglass;

import jakarta.ws.rs.HeaderParam;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The {@value BreakGlass#HEADER} header of a list endpoint, taken as a {@code @BeanParam}: why the caller reads the
 * list without the filters that scope it (an emergency). Absent on an ordinary, filtered read.
 */
public class BreakGlassReason {

    @HeaderParam(BreakGlass.HEADER)
    @Parameter(name = BreakGlass.HEADER, in = ParameterIn.HEADER, description = "Break-glass (emergency) read: why "
            + "this list is read without any of its filters (1-" + BreakGlass.MAX_REASON_LENGTH + " characters, no "
            + "patient identifiers). Only when no filter is given; the read is recorded (break_glass_access: who, "
            + "roles, when, path and query, reason, rows returned) and logged at WARN for review. Ignored when a "
            + "filter is given.")
    String reason;

    public BreakGlassReason() {
    }

    /** For callers that are not REST resources (and tests). */
    public static BreakGlassReason of(String reason) {
        BreakGlassReason header = new BreakGlassReason();
        header.reason = reason;
        return header;
    }

    String value() {
        return reason;
    }
}
