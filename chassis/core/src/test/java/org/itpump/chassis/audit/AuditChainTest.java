package org.itpump.chassis.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.infra.Infrastructure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail's hash chain and TRUNCATE guard (chassis migration V0_10): each row's hash is SHA-256 of the
 * previous row's hash and the row's canonical content; audit_chain_verify() names the first row that no longer
 * matches; TRUNCATE is refused like UPDATE and DELETE. Rows are inserted with AuditTrail's own statement.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class AuditChainTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INSERT = """
            insert into audit_record (id, recorded_at, actor, roles, action, method, path, patient_refs, outcome_status)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    @Inject
    Pool pool;

    @Test
    void eachRowCarriesTheHashOfThePreviousRowAndItsOwnContent() throws Exception {
        UUID id = insert("chain-reader", "/trials/t-1", "p-1", 200, OffsetDateTime.parse("2026-11-30T10:15:30.123456Z"));
        Row row = row(id);
        long seq = row.getLong("chain_seq");
        // The canonical content (version 2, V0_11), written out by hand: [chain_seq, id, recorded_at in microseconds
        // since the epoch, actor, roles, action, method, path, patient_refs, outcome_status, canonical_version,
        // query_string, token_subject, token_issuer, caused_by] as PostgreSQL's jsonb prints it.
        // 2026-11-30T10:15:30Z is 1,796,033,730 s after the epoch; + 0.123456 s = 1,796,033,730,123,456 µs.
        String canonical = "[" + seq + ", \"" + id + "\", 1796033730123456, \"chain-reader\", \"ops\", \"R\", \"GET\","
                + " \"/trials/t-1\", \"p-1\", 200, 2, \"\", null, null, null]";
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes(row, "prev_hash"));
        sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(sha256.digest(), bytes(row, "row_hash"), "row_hash = SHA-256(prev_hash || " + canonical + ")");

        UUID next = insert("chain-reader", "/trials/t-2", "p-2", 200, OffsetDateTime.parse("2026-11-30T10:15:31Z"));
        Row nextRow = row(next);
        assertEquals(seq + 1, nextRow.getLong("chain_seq"), "the next row in the chain");
        assertArrayEquals(bytes(row, "row_hash"), bytes(nextRow, "prev_hash"), "it carries the hash of the row before");
        assertNull(firstBrokenRow(), "the chain is unbroken");
    }

    @Test
    void theVerificationNamesARowEditedInSql() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(insert("chain-clinician", "/trials/t-" + i, "p-" + i, 200, OffsetDateTime.parse("2026-11-30T11:00:0" + i + "Z")));
        }
        UUID edited = ids.get(1);
        long editedSeq = row(edited).getLong("chain_seq");
        assertNull(firstBrokenRow(), "unbroken before the edit");
        // An administrator with the triggers out of the way (session_replication_role = replica skips them) rewrites
        // the patient of the middle row; the hashes stay as they were.
        asAdministrator("update audit_record set patient_refs = 'p-someone-else' where id = $1", edited);
        try {
            Row broken = firstBrokenRow();
            assertEquals(editedSeq, broken.getLong("broken_seq"), broken.getString("problem"));
            assertEquals(edited, broken.getUUID("broken_id"));
            assertTrue(broken.getString("problem").contains("the row was changed"), broken.getString("problem"));
        } finally {
            asAdministrator("update audit_record set patient_refs = 'p-2' where id = $1", edited);
        }
        assertNull(firstBrokenRow(), "whole again once the row says what it said");
    }

    @Test
    void aRowChainedBeforeV0_11KeepsItsVersion1ContentAndStillVerifies() throws Exception {
        UUID legacy = UUID.randomUUID();
        // As the rows written before V0_11 were chained: version 1, hashed over the V0_10 content (triggers off, so
        // the chain trigger does not make it version 2; the head moves as the trigger would move it).
        // a database administrator: session_replication_role is not the runtime role's to set
        asAdministratorScript("""
                        do $$
                        declare
                            head audit_chain_head;
                            r    audit_record;
                        begin
                            select * into head from audit_chain_head for update;
                            r.id := '%s'; r.recorded_at := '2026-11-30T09:00:00Z'; r.actor := 'chain-legacy';
                            r.roles := 'ops'; r.action := 'R'; r.method := 'GET'; r.path := '/trials/legacy';
                            r.patient_refs := 'p-legacy'; r.outcome_status := 200; r.query_string := '';
                            r.canonical_version := 1;
                            r.chain_seq := head.chain_seq + 1;
                            r.prev_hash := head.row_hash;
                            r.row_hash := sha256(head.row_hash || audit_record_canonical(r));
                            insert into audit_record select r.*;
                            update audit_chain_head set chain_seq = r.chain_seq, row_hash = r.row_hash;
                        end
                        $$""".formatted(legacy));
        Row row = row(legacy);
        // Version 1's content by hand, as V0_10 defined it: 2026-11-30T09:00:00Z is 1,796,033,730 - 4,530 s
        // (10:15:30 - 09:00:00) = 1,796,029,200 s after the epoch.
        String canonical = "[" + row.getLong("chain_seq") + ", \"" + legacy + "\", 1796029200000000, \"chain-legacy\","
                + " \"ops\", \"R\", \"GET\", \"/trials/legacy\", \"p-legacy\", 200]";
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(bytes(row, "prev_hash"));
        sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(sha256.digest(), bytes(row, "row_hash"), "row_hash = SHA-256(prev_hash || " + canonical + ")");
        UUID after = insert("chain-reader", "/trials/t-after", "p-3", 200, OffsetDateTime.parse("2026-11-30T09:00:01Z"));
        assertArrayEquals(bytes(row, "row_hash"), bytes(row(after), "prev_hash"), "a version 2 row follows it");
        assertNull(firstBrokenRow(), "version 1 and version 2 rows verify in one chain");
    }

    @Test
    void theVerificationNamesARowWhoseNewColumnsWereEdited() {
        UUID edited = UUID.randomUUID();
        pool.preparedQuery("""
                insert into audit_record (id, recorded_at, actor, roles, action, method, path, query_string,
                                          patient_refs, outcome_status, token_subject, token_issuer)
                values ($1, now(), 'chain-subject', 'clinician', 'R', 'GET', '/trials', 'status=IN_PROGRESS', '', 200,
                        'sub-1', 'https://idp.example')""").execute(Tuple.of(edited)).await().atMost(WAIT);
        long editedSeq = row(edited).getLong("chain_seq");
        assertNull(firstBrokenRow(), "unbroken before the edit");
        for (String[] edit : new String[][]{{"token_subject = 'sub-2'", "token_subject = 'sub-1'"},
                {"query_string = ''", "query_string = 'status=IN_PROGRESS'"},
                {"canonical_version = 1", "canonical_version = 2"}}) { // hiding the new columns from the hash
            asAdministrator("update audit_record set " + edit[0] + " where id = $1", edited);
            try {
                Row broken = firstBrokenRow();
                assertEquals(editedSeq, broken.getLong("broken_seq"), edit[0] + ": " + broken.getString("problem"));
                assertTrue(broken.getString("problem").contains("the row was changed"), broken.getString("problem"));
            } finally {
                asAdministrator("update audit_record set " + edit[1] + " where id = $1", edited);
            }
            assertNull(firstBrokenRow(), "whole again after undoing " + edit[0]);
        }
    }

    @Test
    void truncateIsRefusedAndTheRowsStay() {
        insert("chain-ops", "/trials", "", 200, OffsetDateTime.parse("2026-11-30T12:00:00Z"));
        long before = count();
        // as the migration owner: the runtime role may not even try (AuditRuntimeRoleTest); the owner meets the guard
        Throwable refused = assertThrows(SQLException.class, () -> asOwner("truncate audit_record"));
        assertTrue(refused.getMessage().contains("audit_record is append-only"), refused.getMessage());
        assertEquals(before, count());
        Throwable headKept = assertThrows(SQLException.class, () -> asOwner("delete from audit_chain_head"));
        assertTrue(headKept.getMessage().contains("audit_chain_head is kept"), headKept.getMessage());
    }

    private UUID insert(String actor, String path, String patientRefs, int status, OffsetDateTime recordedAt) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery(INSERT).execute(Tuple.from(List.of(id, recordedAt, actor, "ops", "R", "GET", path,
                patientRefs, status))).await().atMost(WAIT);
        return id;
    }

    private Row row(UUID id) {
        return pool.preparedQuery("select chain_seq, prev_hash, row_hash from audit_record where id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next();
    }

    private static byte[] bytes(Row row, String column) {
        return row.getBuffer(column).getBytes();
    }

    private Row firstBrokenRow() {
        RowSet<Row> rows = pool.query("select * from audit_chain_verify()").execute().await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    // A database administrator (the server's superuser): session_replication_role is not the runtime role's to set.
    private static void asAdministrator(String update, UUID id) {
        try (Connection connection = Infrastructure.shared().postgres().connect(database())) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("set local session_replication_role = replica");
            try (PreparedStatement statement = connection.prepareStatement(update.replace("$1", "?"))) {
                statement.setObject(1, id);
                statement.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void asAdministratorScript(String sql) {
        try (Connection connection = Infrastructure.shared().postgres().connect(database())) {
            connection.setAutoCommit(false);
            connection.createStatement().execute("set local session_replication_role = replica");
            connection.createStatement().execute(sql);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void asOwner(String sql) throws SQLException {
        try (Connection connection = AuditRuntimeRoleTest.connectAsOwner()) {
            connection.createStatement().execute(sql);
        }
    }

    private static String database() {
        return ConfigProvider.getConfig().getValue("itpump.db.name", String.class);
    }

    private long count() {
        return pool.query("select count(*) from audit_record").execute().await().atMost(WAIT).iterator().next().getLong(0);
    }
}
