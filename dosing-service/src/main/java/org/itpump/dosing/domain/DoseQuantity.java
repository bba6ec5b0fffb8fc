package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A dose or concentration as entered, with its UCUM unit, brought exactly into the drug's own unit. Masses
 * are mg or ug ("mcg", the drug library's and trial contract's spelling, is read as ug); 1 mg = 1000 ug, so a
 * conversion only moves the decimal point and is exact. Kinds: a single dose ("mg", "ug"), a daily dose
 * ("mg/d", "ug/d") and a concentration ("mg/mL", "ug/mL"). Any other unit cannot be converted by a drug
 * library entry (all of which are in mg or mcg) and is refused (422) naming the units accepted. Source: issue
 * 12 section 3 (0.5 typed as mg for a mcg drug was taken as a 1000-fold cut); UCUM (unitsofmeasure.org).
 */
public record DoseQuantity(BigDecimal value, String unit) {

    /** What a quantity measures, by the UCUM suffix after the mass. */
    public enum Kind {
        DOSE(""), DAILY_DOSE("/d"), CONCENTRATION("/mL");

        private final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }

        /** The UCUM code of this kind in that mass unit, e.g. "ug/d". */
        public String ucum(DoseUnit mass) {
            return mass.ucum() + suffix;
        }
    }

    /**
     * The value in the drug's unit of that kind (e.g. mcg/day for baclofen). "what" names the field in the
     * refusal. A missing unit is refused too: there is no default unit.
     */
    public BigDecimal in(Drug drug, Kind kind, String what) {
        return in(drug.code(), drug.unit(), kind, what);
    }

    /** As above, for a drug known by its code and unit (e.g. from a stored program). */
    public BigDecimal in(String drugCode, DoseUnit drugUnit, Kind kind, String what) {
        DoseUnit from = mass(kind);
        if (from == null) {
            throw new RuleViolationException("The " + drugCode + " " + what + " unit '" + unit + "' cannot be converted to "
                    + kind.ucum(drugUnit) + ": use " + kind.ucum(DoseUnit.MG) + " or " + kind.ucum(DoseUnit.MCG),
                    List.of("drug: " + drugCode, "unit: " + unit, "drugUnit: " + kind.ucum(drugUnit)));
        }
        return convert(value, from, drugUnit);
    }

    /** The mass unit of this quantity if its unit is of that kind, else null. */
    DoseUnit mass(Kind kind) {
        if (unit == null || !unit.endsWith(kind.suffix)) {
            return null;
        }
        String mass = unit.substring(0, unit.length() - kind.suffix.length());
        return switch (mass.toLowerCase(Locale.ROOT).equals(mass) ? mass : "") {
            case "mg" -> DoseUnit.MG;
            case "ug", "mcg" -> DoseUnit.MCG;
            default -> null;
        };
    }

    /** Exact: mg -> ug moves the point 3 places right, ug -> mg 3 places left (trailing zeros dropped). */
    static BigDecimal convert(BigDecimal value, DoseUnit from, DoseUnit to) {
        if (from == to) {
            return value;
        }
        BigDecimal converted = (from == DoseUnit.MG ? value.movePointRight(3) : value.movePointLeft(3)).stripTrailingZeros();
        return converted.scale() < 0 ? converted.setScale(0) : converted;
    }
}
