package org.itpump.followup.domain.plan;

/**
 * Where observation after the implant happens, and so on which days the discharge may fall (hospital zone).
 * <ul>
 *   <li>{@link #SAME_DAY}: the seed's "observed for a few hours, generally discharged the same day": observation
 *       up to 8 h, discharge on the day of surgery. The default for a pump started without an opioid.</li>
 *   <li>{@link #OVERNIGHT}: one night, observation up to 24 h (the intrathecal-opioid first-dose observation),
 *       discharge on the day of surgery or the next.</li>
 *   <li>{@link #MULTI_DAY}: observation up to 72 h, discharge on any later day.</li>
 * </ul>
 */
public enum Stay {
    SAME_DAY(8, 0), OVERNIGHT(24, 1), MULTI_DAY(72, Integer.MAX_VALUE);

    private final int maxObservationHours;
    private final int maxDaysAfterSurgery;

    Stay(int maxObservationHours, int maxDaysAfterSurgery) {
        this.maxObservationHours = maxObservationHours;
        this.maxDaysAfterSurgery = maxDaysAfterSurgery;
    }

    public int maxObservationHours() {
        return maxObservationHours;
    }

    /** 0: the day of surgery only; 1: that day or the next; unbounded for a multi-day stay. */
    public int maxDaysAfterSurgery() {
        return maxDaysAfterSurgery;
    }

    /** The longer of two stays. */
    public Stay atLeast(Stay other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
