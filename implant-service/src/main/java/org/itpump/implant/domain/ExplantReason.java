package org.itpump.implant.domain;

/**
 * Why the pump was removed; it can be removed at any time. BATTERY_END_OF_LIFE: the pump's battery reached its
 * elective replacement indicator (ERI, as the SynchroMed labeling calls it), the usual reason for a
 * {@link ImplantPath#REPLACEMENT} case.
 */
public enum ExplantReason {
    INFECTION, DEVICE_MALFUNCTION, INEFFECTIVE_THERAPY, ADVERSE_EFFECTS, PATIENT_REQUEST, OTHER, BATTERY_END_OF_LIFE
}
