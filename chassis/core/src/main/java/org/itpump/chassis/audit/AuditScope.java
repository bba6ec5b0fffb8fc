package org.itpump.chassis.audit;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the audit row of the unit of work under way (one API call, one consumed event, one timer firing) gathers
 * before it is written: the patient references its change or answer touches, and, once written inside the business
 * transaction, the id of that row. Kept in the Vert.x duplicated context of the request or message, which every step
 * of its reactive chain shares; outside such a context there is no scope and nothing is gathered.
 * <p>
 * Use cases may name a patient the chassis cannot see ({@link #patient}); the outbox adds the patientRef of every
 * event it appends, the chassis the one its path names.
 */
public final class AuditScope {

    private static final String KEY = AuditScope.class.getName();

    /** The API call this scope records; null for a consumed event or a timer. */
    final AuditRequest request;
    private final Set<String> patientRefs = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile UUID recordedWithChange;

    private AuditScope(AuditRequest request) {
        this.request = request;
    }

    /** The API call as the chassis saw it when it matched the request: method, path, query, path parameters. */
    record AuditRequest(String method, String path, String query, Map<String, String> pathParameters) {

        boolean isWrite() {
            return switch (method) {
                case "POST", "PUT", "PATCH", "DELETE" -> true;
                default -> false;
            };
        }
    }

    /** Opens the scope of an API call (the chassis' request filter). */
    static AuditScope openFor(AuditRequest request) {
        AuditScope scope = new AuditScope(request);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, scope);
        }
        return scope;
    }

    /** Opens the scope of a consumed event or a timer firing (the chassis' inbox and timers). */
    public static void openForSystem() {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, new AuditScope(null));
        }
    }

    static Optional<AuditScope> current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return Optional.empty();
        }
        return ContextLocals.<AuditScope>get(KEY);
    }

    /**
     * Names a patient whose record the current unit of work reads or changes, for its audit row (e.g. a use case
     * that loads a trial by id records the trial's patientRef, so that a refusal after the load still names it).
     * Does nothing outside an audited unit of work.
     */
    public static void patient(String patientRef) {
        if (patientRef != null && !patientRef.isBlank()) {
            current().ifPresent(scope -> scope.patientRefs.add(patientRef));
        }
    }

    /** The patient references of an outgoing event's payload (its patientRef fields), for the current unit of work. */
    public static void patientsOf(Object payload) {
        current().ifPresent(scope -> scope.patientRefs.addAll(PatientReferences.in(payload)));
    }

    List<String> patientRefs() {
        synchronized (patientRefs) {
            return new ArrayList<>(patientRefs);
        }
    }

    UUID recordedWithChange() {
        return recordedWithChange;
    }

    void recordedWithChange(UUID auditId) {
        this.recordedWithChange = auditId;
    }
}
