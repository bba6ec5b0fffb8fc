package org.itpump.gateway.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the gateway keeps of one audit record a service published (audit.recorded, itself a FHIR R4 AuditEvent): the
 * call or change, who made it, and the patients it touched. Its AuditEvent is rebuilt from these fields only.
 *
 * @param id          the audit record id (the AuditEvent id), as the producing service assigned it
 * @param type        AuditEvent.type, e.g. audit-event-type {@code rest}
 * @param action      C, R, U, D or E (AuditEvent.action)
 * @param outcome     0, 4, 8 or 12 (AuditEvent.outcome); outcomeDesc e.g. "HTTP 200"
 * @param observer    the service that recorded it (AuditEvent.source.observer display)
 * @param patientRefs the opaque patient references of its Patient entities, in order; never empty for a record kept
 * @param objects     the text of its other entities, e.g. "GET /trials/{id}"
 */
public record AuditRecord(String id, Coded type, String action, OffsetDateTime recorded, String outcome,
                          String outcomeDesc, List<Agent> agents, String observer, List<String> patientRefs,
                          List<String> objects) {

    /** A coding as the source gave it. */
    public record Coded(String system, String code, String display) {
    }

    /** Who acted: the token's principal name or system:&lt;service&gt;, the caller's roles, and whether it asked. */
    public record Agent(String who, List<String> roles, boolean requestor) {
    }
}
