package org.itpump.implant.domain;

/**
 * Why a theatre booking moved or was cancelled, coded (issue 15): published as {@code reasonCode} with the free-text
 * reason, for HL7 SIU SCH-6 (event reason). The codes are this platform's own (the gateway sends them with coding
 * system {@code 99ITPR}); the free text stays the clinician's words.
 */
public enum BookingChangeReason {
    PATIENT_UNWELL,
    PATIENT_REQUEST,
    SURGEON_UNAVAILABLE,
    THEATRE_UNAVAILABLE,
    EQUIPMENT_UNAVAILABLE,
    CLINICAL_PRIORITY,
    /** The screening trial was cancelled, which closes the case and cancels its booking (never given by a caller). */
    TRIAL_CANCELLED,
    OTHER
}
