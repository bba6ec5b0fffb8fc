package org.itpump.dosing.domain;

/** How the pump gives the drug: a steady infusion, or that plus boluses the patient triggers (PTM). */
public enum DeliveryMode {
    SIMPLE_CONTINUOUS, PATIENT_ACTIVATED_BOLUS
}
