package org.itpump.followup.domain.complication;

/** Exactly the seed's "Possible Side Effects & Risks" of the implant, in its order. */
public enum ComplicationKind {
    INFECTION("Infection"),
    BLEEDING("Bleeding"),
    SWELLING_AT_SITE("Swelling at the surgical site"),
    DIFFICULTY_URINATING("Difficulty urinating"),
    FLUID_AROUND_PUMP("Accumulation of fluid around the pump"),
    SEVERE_HEADACHE("Consistent and severe headache"),
    INCREASED_PAIN_OR_WEAKNESS("Increased pain or weakness");

    private final String seedWording;

    ComplicationKind(String seedWording) {
        this.seedWording = seedWording;
    }

    public String seedWording() {
        return seedWording;
    }
}
