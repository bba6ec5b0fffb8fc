package org.itpump.chassis.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.infra.Infrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The service's runtime database role cannot erase or rewrite its audit trail (issue 14; chassis migration V0_13):
 * connected as the runtime role (the application's own pool, as every service runs), TRUNCATE, UPDATE and DELETE of
 * audit rows, disabling the audit triggers, dropping the table, moving the chain head and switching triggers off for
 * the session are all refused by PostgreSQL with insufficient_privilege (SQLSTATE 42501), and the rows stay; INSERT
 * and SELECT work, the insert trigger still chains the row (it runs as the owner), and audit_chain_verify() still
 * finds the chain whole. Each service's whole test suite, which runs as the runtime role, is the proof that the
 * grants are enough for normal work.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class AuditRuntimeRoleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @Inject
    Pool pool;

    @Test
    void theServiceConnectsAsARuntimeRoleThatOwnsNothing() {
        Config config = ConfigProvider.getConfig();
        String runtime = config.getValue("quarkus.datasource.username", String.class);
        String owner = config.getValue("quarkus.flyway.username", String.class);
        assertNotEquals(owner, runtime, "Flyway and the service use different roles");
        Row row = one("""
                select current_user::text,
                       (select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relowner = (select oid from pg_roles where rolname = current_user)),
                       (select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user),
                       (select pg_get_userbyid(relowner) from pg_class where oid = 'audit_record'::regclass)""");
        assertEquals(runtime, row.getString(0), "the pool's connections are the runtime role's");
        assertEquals(0L, row.getLong(1), "it owns no table, sequence or index");
        assertEquals(false, row.getBoolean(2), "no superuser, CREATEROLE or CREATEDB");
        assertEquals(owner, row.getString(3), "audit_record belongs to the migration owner");
    }

    @Test
    void theRuntimeRoleCannotEraseChangeOrUnguardTheAuditTrail() {
        UUID id = insert("role-probe", "/trials/t-role");
        long before = count();
        for (String attempt : List.of(
                "truncate audit_record",
                "update audit_record set patient_refs = 'p-someone-else' where id = '" + id + "'",
                "delete from audit_record where id = '" + id + "'",
                "alter table audit_record disable trigger audit_record_unchangeable",
                "alter table audit_record disable trigger all",
                "drop table audit_record",
                "update audit_chain_head set chain_seq = 0",
                "delete from audit_chain_head",
                "set session_replication_role = replica",
                "create table audit_record_copy (id uuid)")) {
            PgException refused = assertThrows(PgException.class, () -> execute(attempt), attempt);
            assertEquals(INSUFFICIENT_PRIVILEGE, refused.getSqlState(), attempt + ": " + refused.getMessage());
        }
        assertEquals(before, count(), "every row is still there");
        assertEquals("p-role", one("select patient_refs from audit_record where id = '" + id + "'").getString(0));
        assertEquals(0, pool.query("select * from audit_chain_verify()").execute().await().atMost(WAIT).size(),
                "the chain is whole");
    }

    @Test
    void theRuntimeRoleAppendsAndReadsAndTheRowIsChained() {
        long headBefore = one("select chain_seq from audit_chain_head").getLong(0);
        UUID id = insert("role-writer", "/trials/t-append");
        Row row = one("select chain_seq, actor from audit_record where id = '" + id + "'");
        // the insert trigger (running as the owner) took the next number after the head and moved the head to it
        assertEquals(headBefore + 1, row.getLong(0));
        assertEquals("role-writer", row.getString(1));
        assertEquals(headBefore + 1, one("select chain_seq from audit_chain_head").getLong(0));
        assertEquals(0, pool.query("select * from audit_chain_verify()").execute().await().atMost(WAIT).size(),
                "the runtime role can run the verification, and the chain is whole");
    }

    /** A JDBC connection as the database's migration owner (the role Flyway used). */
    static Connection connectAsOwner() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(
                Infrastructure.shared().postgres().jdbcUrl(config.getValue("itpump.db.name", String.class)),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class));
    }

    private UUID insert(String actor, String path) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                        insert into audit_record (id, recorded_at, actor, roles, action, method, path, patient_refs,
                                                  outcome_status)
                        values ($1, $2, $3, 'ops', 'R', 'GET', $4, 'p-role', 200)""")
                .execute(Tuple.of(id, OffsetDateTime.parse("2026-11-30T13:00:00Z"), actor, path)).await().atMost(WAIT);
        return id;
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private Row one(String sql) {
        RowSet<Row> rows = pool.query(sql).execute().await().atMost(WAIT);
        if (rows.size() != 1) {
            fail(sql + ": " + rows.size() + " rows");
        }
        return rows.iterator().next();
    }

    private long count() {
        return one("select count(*) from audit_record").getLong(0);
    }
}
