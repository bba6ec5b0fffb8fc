package org.itpump.implant.domain;

/** Why the pump was removed; it can be removed at any time. */
public enum ExplantReason {
    INFECTION, DEVICE_MALFUNCTION, INEFFECTIVE_THERAPY, ADVERSE_EFFECTS, PATIENT_REQUEST, OTHER
}
