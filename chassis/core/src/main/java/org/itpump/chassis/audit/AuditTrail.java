package org.itpump.chassis.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Records every API call (reads of patient data included) after it is answered: who, with which roles, what,
 * which patient references the answer held, when, and the outcome. The row and its FHIR AuditEvent
 * (audit.recorded, through the outbox) commit together, in a transaction of their own.
 */
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final String INSERT = """
            insert into audit_record (id, recorded_at, actor, roles, action, method, path, patient_refs, outcome_status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private final Pool pool;
    private final Outbox outbox;
    private final CurrentIdentityAssociation identities;
    private final Clock clock;
    private final String service;

    AuditTrail(Pool pool, Outbox outbox, CurrentIdentityAssociation identities, Clock clock,
               @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.outbox = outbox;
        this.identities = identities;
        this.clock = clock;
        this.service = service;
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> patientRefs = PatientReferences.in(response.getEntity());
        String method = request.getMethod();
        String path = request.getUriInfo().getPath();
        int status = response.getStatus();
        return identities.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(identity -> write(identity, method, path, patientRefs, status))
                .onFailure().invoke(failure -> LOG.errorf("Audit record not written for %s %s: %s", method, path,
                        failure.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> write(SecurityIdentity identity, String method, String path, List<String> patientRefs, int status) {
        boolean anonymous = identity == null || identity.isAnonymous();
        AuditEntry entry = new AuditEntry(UUID.randomUUID(),
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                anonymous ? "anonymous" : identity.getPrincipal().getName(),
                anonymous ? List.of() : identity.getRoles().stream().sorted().toList(),
                AuditEntry.actionOf(method), method, path, patientRefs, status, service);
        return pool.withTransaction(connection -> connection.preparedQuery(INSERT)
                .execute(Tuple.from(List.of(entry.id(), entry.recordedAt(), entry.actor(), String.join(",", entry.roles()),
                        entry.action(), method, path, String.join(",", patientRefs), status)))
                .chain(() -> outbox.append(connection, entry.asEvent()))).replaceWithVoid();
    }
}
