package org.itpump.chassis.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.hibernate.reactive.mutiny.Mutiny;
import org.itpump.chassis.audit.AuditScope.AuditRequest;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.store.Gathering;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Writes audit rows, in the business transaction under way (a change and its record commit together, or neither) or
 * in a transaction of its own (reads, refusals), always with the row's FHIR AuditEvent in the outbox beside it.
 * <p>
 * Patient references come from the answer or the change, from what use cases and outgoing events name
 * ({@link AuditScope}), and from the path: {@code itpump.audit.patient-of.<path parameter>} is the query (one bound
 * parameter, $1, the parameter's UUID) that finds the patient of the record the parameter names, e.g.
 * {@code itpump.audit.patient-of.trialId=select patient_ref from trial where id = $1}. So a 403 or a 404 on a trial,
 * and every sub-resource of it, carries the patient; the answer to the caller does not change.
 * <p>
 * A row in a business transaction is one statement in it; the rows of reads and refusals are written in group
 * commits ({@link AuditGroupCommit}, issue 17).
 */
@ApplicationScoped
public class AuditRecorder {

    static final String PATIENT_OF = "itpump.audit.patient-of.";
    /** The audit_record columns every writer fills, in the order of their parameters (one list for both writers). */
    static final String COLUMN_LIST = "id, recorded_at, actor, roles, action, method, path, query_string, patient_refs,"
            + " outcome_status, token_subject, token_issuer, caused_by";
    private static final String COLUMNS = "insert into audit_record (" + COLUMN_LIST + ") values ";

    private final Pool pool;
    private final Outbox outbox;
    private final AuditGroupCommit groupCommit;
    private final CurrentIdentityAssociation identities;
    private final Clock clock;
    private final String service;
    private final Map<String, String> patientOf = new TreeMap<>();

    AuditRecorder(Pool pool, Outbox outbox, AuditGroupCommit groupCommit, CurrentIdentityAssociation identities,
                  Clock clock, Config config,
                  @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.outbox = outbox;
        this.groupCommit = groupCommit;
        this.identities = identities;
        this.clock = clock;
        this.service = service;
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PATIENT_OF)) {
                patientOf.put(name.substring(PATIENT_OF.length()), config.getValue(name, String.class));
            }
        }
    }

    /** The actor of the changes the service makes itself: system:&lt;quarkus.application.name&gt;. */
    public String systemActor() {
        return "system:" + service;
    }

    /**
     * Records a change the service made itself (a consumed event, a timer), inside its Panache transaction, as
     * {@code system:<service>}: method EVENT or TIMER, path the event type or timer kind, causedBy what caused it.
     * The session is flushed first, so the change's own failures stay what they are; a failure of the audit row
     * itself fails the transaction with {@link AuditUnavailableException}.
     */
    public Uni<Void> recordSystemChange(String method, String what, String causedBy, Object cause) {
        Set<String> refs = new LinkedHashSet<>(PatientReferences.in(cause));
        AuditScope.current().ifPresent(scope -> refs.addAll(scope.patientRefs()));
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), now(), systemActor(), List.of(), "E", method, what, "",
                new ArrayList<>(refs), 200, service, null, null, causedBy);
        List<AuditEntry> gathered = GATHERING.current();
        return Panache.getSession().chain(Mutiny.Session::flush)
                .chain(() -> {
                    if (gathered != null) {
                        gathered.add(entry); // written with the others at the end of the gathering
                        return Uni.createFrom().voidItem();
                    }
                    return insertInSession(List.of(entry)).onFailure().transform(AuditUnavailableException::new);
                });
    }

    /**
     * Runs {@code work} (inside a Panache transaction, on a duplicated Vert.x context) with the rows of every
     * {@link #recordSystemChange} of it gathered, and writes them in one multi-row insert when the work is done,
     * before the result is passed on. A consumed batch's transaction runs in it (issue 17), for two reasons:
     * <ul>
     *   <li>lock order: an audit row takes the audit chain's head ({@code audit_chain_head}, row-locked until the
     *   commit). Written at each event's turn, the head would be held while later events of the batch wait for their
     *   pathways' locks ({@code Outbox}) and rows, which a REST write may hold while it waits for the head to write
     *   its own audit row: a deadlock (40P01), the write rolled back and answered 409. Written last, the head is taken
     *   after every other lock, in every transaction, as a REST write's is;</li>
     *   <li>one statement for the batch's rows instead of one per event.</li>
     * </ul>
     * The patients of each row are those of its own event (its scope at its turn). A failure of the insert fails the
     * work with {@link AuditUnavailableException}. Without a duplicated context the rows are written at once, as
     * outside it; nested calls share the outer gathering.
     */
    public <T> Uni<T> gathered(Supplier<Uni<T>> work) {
        return GATHERING.around(work,
                entries -> insertInSession(entries).onFailure().transform(AuditUnavailableException::new));
    }

    /** The rows recorded so far in the current {@link #gathered} call, or null. */
    private static final Gathering<List<AuditEntry>> GATHERING = new Gathering<>(
            AuditRecorder.class.getName() + ".gathered", ArrayList::new);
    /** Rows per insert statement: 13 parameters each, far below PostgreSQL's 65,535 bound parameters. */
    static final int ROWS_PER_INSERT = 500;

    /**
     * Records the API call of the current scope inside the business transaction of its change (called by
     * {@link AuditedTransaction} when the use case's work is done, before commit). Only for writes (POST, PUT, PATCH,
     * DELETE), once per call. The status recorded is 200: the change committed with its row; the answer's exact 2xx
     * status is decided after the commit.
     */
    Uni<Void> recordWithChange(Object result) {
        AuditScope scope = AuditScope.current().orElse(null);
        if (scope == null || scope.request == null || !scope.request.isWrite() || scope.recordedWithChange() != null) {
            return Uni.createFrom().voidItem();
        }
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(Mutiny.Session::flush)
                .chain(() -> identities.getDeferredIdentity().onFailure().recoverWithNull()
                        .chain(identity -> entry(id, scope.request, identity, 200, merged(scope, result), true))
                        .chain(entry -> insertInSession(List.of(entry)))
                        .onFailure().transform(AuditUnavailableException::new))
                .invoke(() -> scope.recordedWithChange(id));
    }

    /**
     * Records an API call after its answer is known, outside any business transaction: in a group commit with the
     * rows of concurrent calls ({@link AuditGroupCommit}); the item comes once its own row committed.
     */
    Uni<Void> recordAlone(AuditRequest request, int status, List<String> answered) {
        return identities.getDeferredIdentity().onFailure().recoverWithNull()
                .chain(identity -> entry(UUID.randomUUID(), request, identity, status, answered, false))
                .chain(groupCommit::commit); // with the other calls' rows; its AuditEvent published after the commit
    }

    /**
     * Records the opening of a streamed answer (server-sent events), which Quarkus REST sends without running the
     * response filters that record every other call ({@link AuditTrail}): call it before the stream's first item. The
     * row (status 200, the call's method, path and raw query string, the patients named to the scope so far) is
     * committed in a group commit before the item comes; when it cannot be written the Uni fails with
     * {@link AuditUnavailableException} and nothing may be streamed (fail closed, as for any read).
     */
    public Uni<Void> recordStreamOpened(String method, String path, String rawQuery) {
        AuditScope scope = AuditScope.current().orElse(null);
        return recordAlone(new AuditRequest(method, path, rawQuery == null ? "" : rawQuery, Map.of()), 200,
                merged(scope, null))
                .onFailure().transform(AuditUnavailableException::new);
    }

    /** Whether the row written with a change committed (the change's transaction may have failed after it). */
    Uni<Boolean> committed(UUID auditId) {
        return pool.preparedQuery("select 1 from audit_record where id = $1").execute(Tuple.of(auditId))
                .map(rows -> rows.size() > 0);
    }

    static List<String> merged(AuditScope scope, Object answer) {
        Set<String> refs = new LinkedHashSet<>(PatientReferences.in(answer));
        if (scope != null) {
            refs.addAll(scope.patientRefs());
        }
        return new ArrayList<>(refs);
    }

    private Uni<AuditEntry> entry(UUID id, AuditRequest request, SecurityIdentity identity, int status,
                                  List<String> known, boolean inSession) {
        // An answer (or change) that names its patients names the path's record's: the lookup, one more query per
        // audited call (issue 17's read path), is only needed when nothing was named (a refusal, a bare answer).
        Uni<List<String>> pathPatients = known.isEmpty() ? patientsOfPath(request.pathParameters(), inSession)
                : Uni.createFrom().item(List.of());
        return pathPatients.map(ofPath -> {
            Set<String> refs = new LinkedHashSet<>(ofPath);
            refs.addAll(known);
            boolean anonymous = identity == null || identity.isAnonymous();
            JsonWebToken token = !anonymous && identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
            return new AuditEntry(id, now(), anonymous ? "anonymous" : identity.getPrincipal().getName(),
                    anonymous ? List.of() : identity.getRoles().stream().sorted().toList(),
                    AuditEntry.actionOf(request.method()), request.method(), request.path(), request.query(),
                    new ArrayList<>(refs), status, service, token == null ? null : token.getSubject(),
                    token == null ? null : token.getIssuer(), null);
        });
    }

    /**
     * The patients of the records the path names, by the configured queries; an id that is no UUID names none. Inside
     * a business transaction the lookup runs on that transaction's own connection: a second connection from the pool
     * while the first holds a row lock starves the pool under concurrent writes to one record.
     */
    private Uni<List<String>> patientsOfPath(Map<String, String> parameters, boolean inSession) {
        Uni<List<String>> found = Uni.createFrom().item(new ArrayList<>());
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String query = patientOf.get(parameter.getKey());
            UUID id = uuid(parameter.getValue());
            if (query == null || id == null) {
                continue;
            }
            found = found.chain(refs -> lookup(query, id, inSession).map(references -> {
                references.forEach(reference -> {
                    if (reference != null && !refs.contains(reference)) {
                        refs.add(reference);
                    }
                });
                return refs;
            }));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private Uni<List<String>> lookup(String query, UUID id, boolean inSession) {
        if (inSession) {
            // Hibernate's native queries take ?1 where the SQL client takes $1
            return Panache.getSession().chain(session -> session.createNativeQuery(query.replace("$1", "?1"))
                    .setParameter(1, id).getResultList()).map(rows -> ((List<Object>) (List<?>) rows).stream()
                    .map(row -> row == null ? null : row.toString()).toList());
        }
        return pool.preparedQuery(query).execute(Tuple.of(id)).map(rows -> {
            List<String> references = new ArrayList<>();
            rows.forEach(row -> references.add(row.getString(0)));
            return references;
        });
    }

    /** Writes the rows in list order (so in chain order), {@value #ROWS_PER_INSERT} per statement, with their events. */
    private Uni<Void> insertInSession(List<AuditEntry> entries) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            List<AuditEntry> part = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            chain = chain.chain(() -> insertRows(part));
        }
        for (AuditEntry entry : entries) {
            chain = chain.chain(() -> outbox.appendRecordEvent(entry.asEvent()));
        }
        return chain;
    }

    private Uni<Void> insertRows(List<AuditEntry> entries) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        for (int i = 0; i < entries.size(); i++) {
            int p = i * 13;
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 1; c <= 13; c++) {
                String parameter = "?" + (p + c);
                sql.append(c == 1 ? "" : ", ").append(c >= 11 ? "nullif(" + parameter + ", '')" : parameter); // "" binds null
            }
            sql.append(')');
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString());
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry entry = entries.get(i);
                int p = i * 13;
                query.setParameter(p + 1, entry.id()).setParameter(p + 2, entry.recordedAt())
                        .setParameter(p + 3, entry.actor()).setParameter(p + 4, String.join(",", entry.roles()))
                        .setParameter(p + 5, entry.action()).setParameter(p + 6, entry.method())
                        .setParameter(p + 7, entry.path()).setParameter(p + 8, entry.query())
                        .setParameter(p + 9, String.join(",", entry.patientRefs()))
                        .setParameter(p + 10, entry.status()).setParameter(p + 11, orEmpty(entry.subject()))
                        .setParameter(p + 12, orEmpty(entry.issuer())).setParameter(p + 13, orEmpty(entry.causedBy()));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static UUID uuid(String text) {
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
