package org.itpump.gateway.domain;

/**
 * Where an implant booking stands; each maps to the HL7 v2 filler status (table 0278, SCH-25) and the FHIR R4
 * Appointment.status it is published as.
 */
public enum AppointmentStatus {
    BOOKED("Booked", "booked"),
    CANCELLED("Cancelled", "cancelled"),
    COMPLETE("Complete", "fulfilled"),
    NO_SHOW("Noshow", "noshow");

    private final String hl7FillerStatus;
    private final String fhirStatus;

    AppointmentStatus(String hl7FillerStatus, String fhirStatus) {
        this.hl7FillerStatus = hl7FillerStatus;
        this.fhirStatus = fhirStatus;
    }

    /** HL7 v2.5.1 table 0278 (filler status codes). */
    public String hl7FillerStatus() {
        return hl7FillerStatus;
    }

    /** FHIR R4 AppointmentStatus code. */
    public String fhirStatus() {
        return fhirStatus;
    }
}
