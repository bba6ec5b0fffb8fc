package org.itpump.testing;

import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks of a service's audit trail (issue 14), read from its audit_record table: a write's row and its business
 * row commit in one transaction (the same PostgreSQL transaction id, xmin, on both: a row's xmin is the transaction
 * that wrote it); a consumed event's effect is recorded as system:&lt;service&gt; naming the event; and an audit
 * store that refuses the caller's row ({@link #refuseAuditRowsOf}) makes the service answer 503.
 */
public final class AuditChecks {

    /** The caller whose audit rows the test trigger refuses. */
    public static final String REFUSED = "audit-refused";
    private static final Duration DB = Duration.ofSeconds(10);

    private AuditChecks() {
    }

    /** A bearer token for the caller (its upn) with sub {@code sub-<name>} and one role, for this service. */
    public static String token(String name, String role) {
        return Jwt.upn(name).subject("sub-" + name).groups(role).sign();
    }

    /**
     * A trigger that makes every audit row of {@link #REFUSED} fail, as a full disk or a broken chain would: the
     * service's real insert fails, in PostgreSQL.
     */
    public static void refuseAuditRowsOf(Pool pool) {
        // DDL is the migration owner's: the service's pool runs as the runtime role, which may not alter tables
        PathwayTestResource.asMigrationOwner("""
                create or replace function audit_test_refuse() returns trigger language plpgsql as $$
                begin
                    if new.actor = 'audit-refused' then
                        raise exception 'audit store refuses %', new.actor;
                    end if;
                    return new;
                end
                $$""");
        PathwayTestResource.asMigrationOwner("drop trigger if exists audit_test_refuse on audit_record");
        PathwayTestResource.asMigrationOwner("create trigger audit_test_refuse before insert on audit_record for each row"
                + " execute function audit_test_refuse()");
    }

    /**
     * The one audit row of the caller's call (method, path) and the business row the query finds (its xmin as "tx",
     * one bound parameter $1) were written by one transaction; the audit row names the patient and the token's
     * subject. Returns the audit row.
     */
    public static Row assertCommittedTogether(Pool pool, String actor, String method, String path,
                                              String businessRowXmin, Object parameter, String patientRef) {
        RowSet<Row> audit = pool.preparedQuery("select xmin::text as tx, patient_refs, token_subject, outcome_status"
                        + " from audit_record where actor = $1 and method = $2 and path = $3")
                .execute(Tuple.of(actor, method, path)).await().atMost(DB);
        assertEquals(1, audit.size(), "one audit row of " + actor + " " + method + " " + path);
        Row row = audit.iterator().next();
        RowSet<Row> business = pool.preparedQuery(businessRowXmin).execute(Tuple.of(parameter)).await().atMost(DB);
        assertEquals(1, business.size(), businessRowXmin);
        assertEquals(business.iterator().next().getString("tx"), row.getString("tx"),
                "the business row and its audit row were written by one transaction");
        assertTrue(row.getString("patient_refs").contains(patientRef), row.getString("patient_refs"));
        assertEquals("sub-" + actor, row.getString("token_subject"));
        return row;
    }

    /** The audit row of a consumed event's effect: system:&lt;service&gt;, caused by the event (ce_source, ce_id). */
    public static Row awaitSystemRowOfEvent(Pool pool, String eventId) {
        return Await.until(() -> {
            RowSet<Row> rows = pool.preparedQuery("select actor, method, path, patient_refs, caused_by from audit_record"
                    + " where caused_by like $1").execute(Tuple.of("event % " + eventId)).await().atMost(DB);
            return rows.size() == 0 ? null : rows.iterator().next();
        }, row -> row != null, "the audit row of event " + eventId);
    }

    /** The patient references of the caller's audit row of (method, path), with its status: "P-1:403". */
    public static String patientsAndStatus(Pool pool, String actor, String method, String path) {
        RowSet<Row> rows = pool.preparedQuery("select patient_refs, outcome_status from audit_record"
                + " where actor = $1 and method = $2 and path = $3").execute(Tuple.of(actor, method, path))
                .await().atMost(DB);
        assertEquals(1, rows.size(), "one audit row of " + actor + " " + method + " " + path);
        Row row = rows.iterator().next();
        return row.getString("patient_refs") + ":" + row.getInteger("outcome_status");
    }

    public static long count(Pool pool, String query) {
        return pool.query(query).execute().await().atMost(DB).iterator().next().getLong(0);
    }

    private static void sql(Pool pool, String statement) {
        pool.query(statement).execute().await().atMost(DB);
    }
}
