package org.itpump.chassis.security;

/**
 * The roles a token can carry (the JWT "groups" claim). Each endpoint allows the fewest that need it: a
 * scheduler books theatres but cannot program a pump; only a pharmacist edits the drug library.
 */
public final class Roles {

    public static final String CLINICIAN = "clinician";
    public static final String NURSE = "nurse";
    public static final String SCHEDULER = "scheduler";
    public static final String PHARMACIST = "pharmacist";
    public static final String OPS = "ops";
    /** Hospital integration engines: read-only access to what the events describe. */
    public static final String INTEGRATION = "integration";

    public static final String[] ALL = {CLINICIAN, NURSE, SCHEDULER, PHARMACIST, OPS, INTEGRATION};

    private Roles() {
    }
}
