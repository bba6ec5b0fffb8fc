package org.itpump.gateway.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An implant (or explant) as the FHIR Procedure and Devices need it, from implant.completed / implant.explanted and
 * the booking the gateway kept.
 *
 * @param surgeon null when the gateway never saw the case's booking
 * @param catheter null when the source event names no catheter device (producers before issue 15)
 */
public record Implant(UUID caseId, UUID pathwayId, String patientRef, OffsetDateTime startedAt, OffsetDateTime endedAt,
                      String catheterEntryLevel, String catheterTipLevel, String pumpPocketSide, DeviceFacts pump,
                      DeviceFacts catheter, Booking.Surgeon surgeon) {

    /** What is known of one implanted device; every field but the manufacturer and model may be null. */
    public record DeviceFacts(String manufacturer, String model, String serialNumber, String lotNumber,
                              LocalDate expiresOn, String udi) {
    }
}
