package org.itpump.chassis.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit of read audit rows (issue 17), against the chassis test application's {@link AuditProbe}. To make the
 * batches certain rather than a matter of timing, the test holds the audit chain head's row lock (which every audit
 * insert takes, V0_10) in a transaction of its own while the reads arrive: the first batch waits on it, every later
 * read queues behind it; when the lock is released, the queued reads are written as one batch. What the database
 * shows is then checked: rows written in one transaction share their xmin.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class AuditGroupCommitTest {

    private static final Duration DB = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    AuditGroupCommit groupCommit;

    @TestHTTPResource("/audit-probe/notes/")
    URL notes;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @BeforeEach
    void probeTableAndRefusingTrigger() {
        asOwner("create table if not exists audit_probe_note (id uuid primary key, patient_ref text not null, text text not null)");
        asOwner("""
                create or replace function audit_probe_refuse() returns trigger language plpgsql as $$
                begin
                    if new.actor = 'audit-refused' then
                        raise exception 'audit store refuses %', new.actor;
                    end if;
                    return new;
                end
                $$""");
        asOwner("drop trigger if exists audit_probe_refuse on audit_record");
        asOwner("create trigger audit_probe_refuse before insert on audit_record for each row execute function audit_probe_refuse()");
    }

    @Test
    void fiftyConcurrentReadsAreAnsweredEachWithItsOwnRowInFewerInserts() throws Exception {
        String id = create("P-GC-1", "baclofen 100 mcg/day");
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try (Connection lock = holdChainHead()) {
            for (int i = 0; i < 50; i++) {
                answers.add(read(id, "gc-reader-" + i));
            }
            awaitUntil(() -> groupCommit.pending() == 50, "all 50 audit entries queued or in flight");
            assertTrue(answers.stream().noneMatch(CompletableFuture::isDone), "no answer before its audit row commits");
            lock.rollback();
        }
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> answer = answers.get(i).get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("baclofen"), answer.body());
        }
        RowSet<Row> rows = pool.query("select actor, count(*) as n, min(patient_refs) as refs, min(outcome_status) as status"
                + " from audit_record where actor like 'gc-reader-%' group by actor").execute().await().atMost(DB);
        assertEquals(50, rows.size(), "one audit row for each of the 50 readers");
        rows.forEach(row -> {
            assertEquals(1L, row.getLong("n"), row.getString("actor") + ": exactly its own row");
            assertEquals("P-GC-1", row.getString("refs"));
            assertEquals(200, row.getInteger("status"));
        });
        // the first batch took what had arrived before it started (at least one read), the second all the rest
        long transactions = count("select count(distinct xmin::text) from audit_record where actor like 'gc-reader-%'");
        assertTrue(transactions <= 2, "50 rows in at most 2 inserts, not 50: " + transactions);
        assertEquals(50L, count("select count(*) from outbox_event where type = 'audit.recorded'"
                + " and payload->'agent'->0->'who'->'identifier'->>'value' like 'gc-reader-%'"), "50 AuditEvents");
        assertEquals(0, pool.query("select * from audit_chain_verify()").execute().await().atMost(DB).size(),
                "the chain verifies, the batch's rows chained in order");
        RowSet<Row> chain = pool.query("select chain_seq from audit_record where actor like 'gc-reader-%'"
                + " order by chain_seq").execute().await().atMost(DB);
        List<Long> seqs = new ArrayList<>();
        chain.forEach(row -> seqs.add(row.getLong(0)));
        assertEquals(seqs.get(0) + 49, seqs.get(49), "the 50 rows are consecutive links of the chain: " + seqs);
    }

    @Test
    void aBatchWhoseOneRowIsRefusedAnswersEveryWaiter503() throws Exception {
        String id = create("P-GC-2", "ziconotide 2.4 mcg/day");
        CompletableFuture<HttpResponse<String>> first;
        List<CompletableFuture<HttpResponse<String>>> batch = new ArrayList<>();
        try (Connection lock = holdChainHead()) {
            first = read(id, "gc-first");
            awaitUntil(() -> groupCommit.pending() == 1, "the first read's batch in flight");
            for (int i = 0; i < 5; i++) {
                batch.add(read(id, "gc-batched-" + i));
            }
            batch.add(read(id, "audit-refused"));
            for (int i = 5; i < 10; i++) {
                batch.add(read(id, "gc-batched-" + i));
            }
            awaitUntil(() -> groupCommit.pending() == 12, "the 11 later reads queued behind the first");
            lock.rollback();
        }
        assertEquals(200, first.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).statusCode(),
                "the first batch held only the first read");
        for (CompletableFuture<HttpResponse<String>> waiting : batch) {
            HttpResponse<String> answer = waiting.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(503, answer.statusCode(), answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertFalse(answer.body().contains("ziconotide"), "no answer without its audit row: " + answer.body());
        }
        assertEquals(0L, count("select count(*) from audit_record where actor like 'gc-batched-%'"),
                "the failed batch wrote no row");
        assertEquals(1L, count("select count(*) from audit_record where actor = 'gc-first'"));
        assertEquals(0, pool.query("select * from audit_chain_verify()").execute().await().atMost(DB).size());
    }

    private CompletableFuture<HttpResponse<String>> read(String id, String reader) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(notes + id)).timeout(WAIT)
                .header("Authorization", "Bearer " + Jwt.upn(reader).subject("sub-" + reader).groups("ops").sign())
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private String create(String patientRef, String text) {
        return given().auth().oauth2(Jwt.upn("gc-writer").subject("sub-gc-writer").groups("clinician").sign())
                .contentType(ContentType.JSON)
                .body("{\"patientRef\":\"" + patientRef + "\",\"text\":\"" + text + "\"}")
                .post("/audit-probe/notes").then().statusCode(201).extract().path("id");
    }

    /** A transaction holding the chain head's row lock, until rolled back. */
    private static Connection holdChainHead() throws SQLException {
        Connection connection = AuditRuntimeRoleTest.connectAsOwner();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("select * from audit_chain_head for update");
        }
        return connection;
    }

    private static void awaitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT + " for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static void asOwner(String statement) {
        try (Connection connection = AuditRuntimeRoleTest.connectAsOwner()) {
            connection.createStatement().execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String query) {
        return pool.query(query).execute().await().atMost(DB).iterator().next().getLong(0);
    }
}
