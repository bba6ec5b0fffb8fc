package org.itpump.dosing.domain;

import java.math.BigDecimal;

/** A dose accepted above the drug's soft limit, with the clinician's reason: to be recorded with the program. */
public record LimitOverride(String drugCode, BigDecimal dailyDose, BigDecimal softLimit, DoseUnit unit, String reason) {
}
