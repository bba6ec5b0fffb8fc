package org.itpump.chassis.audit;

import org.itpump.chassis.events.OutgoingEvent;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One audited API call (or change the service made itself: a consumed event, a timer), and its shape as a FHIR R4
 * AuditEvent for the hospital's audit system. query is the raw query string ("" when none); subject and issuer are
 * the bearer token's sub and iss (null without a token); causedBy names the event or timer of a system change (null
 * for an API call).
 */
record AuditEntry(UUID id, OffsetDateTime recordedAt, String actor, List<String> roles, String action, String method,
                  String path, String query, List<String> patientRefs, int status, String service, String subject,
                  String issuer, String causedBy) {

    static String actionOf(String method) {
        return switch (method) {
            case "GET", "HEAD" -> "R";
            case "PUT", "PATCH" -> "U";
            case "DELETE" -> "D";
            default -> "E"; // POSTs here create records or execute operations (a decision, a booking)
        };
    }

    /** FHIR AuditEvent.outcome: 0 success, 4 minor failure (refused request), 8 serious failure (server error). */
    String outcome() {
        return status < 400 ? "0" : status < 500 ? "4" : "8";
    }

    OutgoingEvent asEvent() {
        List<Map<String, Object>> entities = new ArrayList<>();
        patientRefs.forEach(reference -> entities.add(Map.of(
                "what", Map.of("identifier", Map.of("value", reference)),
                "type", Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code", "1",
                        "display", "Person"),
                "role", Map.of("system", "http://terminology.hl7.org/CodeSystem/object-role", "code", "1",
                        "display", "Patient"))));
        entities.add(Map.of("what", Map.of("display", method + " " + path + (query.isEmpty() ? "" : "?" + query)
                        + (causedBy == null ? "" : " (" + causedBy + ")")),
                "type", Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code", "2",
                        "display", "System Object")));
        Map<String, Object> auditEvent = Map.of(
                "resourceType", "AuditEvent",
                "id", id.toString(),
                "type", Map.of("system", "http://terminology.hl7.org/CodeSystem/audit-event-type", "code", "rest",
                        "display", "RESTful Operation"),
                "action", action,
                "recorded", org.itpump.chassis.time.Times.format(recordedAt),
                "outcome", outcome(),
                "outcomeDesc", "HTTP " + status,
                "agent", List.of(Map.of("who", Map.of("identifier", Map.of("value", actor)),
                        "role", roles.stream().map(role -> Map.of("text", role)).toList(), "requestor", true)),
                "source", Map.of("observer", Map.of("display", service)),
                "entity", entities);
        return new OutgoingEvent("audit.recorded", id, auditEvent);
    }
}
