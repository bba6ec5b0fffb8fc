package org.itpump.followup.domain.plan;

/** The seed's post-operative restrictions: four on activity (up to 8 weeks) and one on driving (2 to 4 weeks). */
public enum RestrictionKind {
    NO_BENDING, NO_STRETCHING, NO_STAIR_CLIMBING, NO_STRENUOUS_EXERCISE, NO_DRIVING;

    public boolean isActivity() {
        return this != NO_DRIVING;
    }
}
