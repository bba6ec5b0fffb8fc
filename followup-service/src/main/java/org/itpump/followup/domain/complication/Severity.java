package org.itpump.followup.domain.complication;

/** Declared mildest first, so {@link #isAtLeast} can compare by order. */
public enum Severity {
    MILD, MODERATE, SEVERE;

    public boolean isAtLeast(Severity minimum) {
        return compareTo(minimum) >= 0;
    }
}
