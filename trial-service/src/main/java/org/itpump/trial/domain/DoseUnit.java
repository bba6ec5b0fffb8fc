package org.itpump.trial.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** The unit of the trial dose, as written on the order. */
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
}
