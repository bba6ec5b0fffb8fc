package org.itpump.gateway.messaging;

import java.time.ZoneId;

/**
 * What the hospital configures for its SIU feed (itpump.gateway.hl7.*): the MSH application and facility names,
 * the assigning authority of the opaque patient reference (PID-3.4), the hospital's time zone (TQ1 and every
 * timestamp carry its offset) and the theatre coordinator who is the filler contact (SCH-16).
 *
 * @param processingId HL7 table 0103: P production, T training, D debugging
 */
public record SiuSettings(String sendingApplication, String sendingFacility, String receivingApplication,
                          String receivingFacility, String patientAssigningAuthority, ZoneId hospitalZone,
                          String fillerContactId, String fillerContactName, String fillerContactPhone,
                          String defaultEnteredBy, String processingId) {
}
