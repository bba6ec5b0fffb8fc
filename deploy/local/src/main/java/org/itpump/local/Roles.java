package org.itpump.local;

/** The roles the services know (org.itpump.chassis.security.Roles, which the launcher does not depend on). */
final class Roles {
    static final String[] ALL = {"clinician", "nurse", "scheduler", "pharmacist", "ops", "integration"};

    private Roles() {
    }
}
