package org.itpump.gateway;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** implant.scheduled / rescheduled / cancelled payloads as implant-service publishes them. */
public final class GatewayTestSupport {

    public static final String IMPLANT_TOPIC = "itpump.implant.events";
    public static final String SURGEON = "5f0c1d2e-0000-4000-8000-000000000001";
    public static final String THEATRE = "5f0c1d2e-0000-4000-8000-0000000000aa";

    /**
     * RFC 3339 with seconds always written, as the producers' Jackson writes instants. {@code OffsetDateTime.toString()}
     * drops zero seconds ("2026-12-03T08:30Z"), which the contracts' date-time format refuses: the gateway then
     * dead-letters the event (this is why these tests once saw no effect at all).
     */
    public static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private GatewayTestSupport() {
    }

    /** An instant as the contracts' date-time. */
    public static String rfc3339(OffsetDateTime time) {
        return RFC_3339.format(time);
    }

    /** A booking of {@code caseId} at {@code start} for 90 minutes, status BOOKED or CANCELLED. */
    public static String booking(String pathwayId, String patientRef, String caseId, String bookingId, OffsetDateTime start,
                                 String status, String surgeonId, String reason, String previousStart) {
        return """
                {"pathwayId":"%s","patientRef":"%s","caseId":"%s","bookingId":"%s","appointmentStatus":"%s",
                 "start":"%s","end":"%s","durationMinutes":90,
                 "operatingRoom":{"id":"%s","name":"Theatre 3"},"surgeon":{"id":"%s","name":"Okafor"},
                 "procedure":{"codingSystem":"CPT","code":"62362","description":"Implantation of programmable intrathecal pump"},
                 "reason":%s,"previousStart":%s}"""
                .formatted(pathwayId, patientRef, caseId, bookingId, status, rfc3339(start), rfc3339(start.plusMinutes(90)),
                        THEATRE, surgeonId, reason == null ? "null" : "\"" + reason + "\"",
                        previousStart == null ? "null" : "\"" + rfc3339(OffsetDateTime.parse(previousStart)) + "\"");
    }

    public static String patientRef() {
        return "PT-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
