package org.itpump.dosing.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** The unit a drug is dosed in: daily and bolus doses are in it, concentrations in it per mL. */
public enum DoseUnit {
    MG("mg"), MCG("mcg");

    private final String symbol;

    DoseUnit(String symbol) {
        this.symbol = symbol;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** The UCUM code: "mg" or "ug". */
    public String ucum() {
        return this == MG ? "mg" : "ug";
    }

    /** "mg" or "mcg", as the drug library writes it. */
    public static DoseUnit ofSymbol(String symbol) {
        for (DoseUnit unit : values()) {
            if (unit.symbol.equals(symbol)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("Unknown dose unit '" + symbol + "', expected mg or mcg");
    }
}
