package org.itpump.followup.domain.complication;

/**
 * The seed's "Possible Side Effects & Risks" of the implant, in its order, then what can kill after an implant or
 * a refill (issue 13): opioid over-sedation and withdrawal of a withdrawal-critical drug.
 */
public enum ComplicationKind {
    INFECTION("Infection"),
    BLEEDING("Bleeding"),
    SWELLING_AT_SITE("Swelling at the surgical site"),
    DIFFICULTY_URINATING("Difficulty urinating"),
    FLUID_AROUND_PUMP("Accumulation of fluid around the pump"),
    SEVERE_HEADACHE("Consistent and severe headache"),
    INCREASED_PAIN_OR_WEAKNESS("Increased pain or weakness"),
    OVER_SEDATION("Over-sedation or slow or shallow breathing"),
    WITHDRAWAL_SYMPTOMS("Withdrawal symptoms (fever, rebound spasticity, itching, altered mental state)");

    private final String seedWording;

    ComplicationKind(String seedWording) {
        this.seedWording = seedWording;
    }

    public String seedWording() {
        return seedWording;
    }
}
