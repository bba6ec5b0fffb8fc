package org.itpump.chassis.audit;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.ChassisTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit trail fails closed (issue 14), against the chassis test application's {@link AuditProbe}: a write's
 * audit row commits in its business transaction (the same PostgreSQL transaction id, xmin, as the business row); an
 * audit row that cannot be written (a trigger refuses the actor "audit-refused", as a full disk or a broken chain
 * would) answers 503 and leaves no business row and no outbox row, and a read's 503 carries no body; 403 and 404 on
 * a path naming a note carry the note's patient; the query string and the token's sub and iss are recorded.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class AuditTrailTest {

    private static final Duration DB = Duration.ofSeconds(10);
    private static final String ISSUER = "https://itpump.local/dev"; // the test profile's token issuer

    @Inject
    Pool pool;

    @BeforeEach
    void probeTableAndRefusingTrigger() {
        // DDL is the migration owner's (the service runs as a runtime role that may not create or alter tables)
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
    void aWriteCommitsWithItsAuditRowInOneTransaction() {
        String id = given().auth().oauth2(token("probe-writer-tx", "sub-writer-1", "clinician")).contentType(ContentType.JSON)
                .body("{\"patientRef\":\"P-100\",\"text\":\"NRS 7 after the bolus\"}")
                .post("/audit-probe/notes").then().statusCode(201).extract().path("id");
        Row audit = one("select xmin::text as tx, patient_refs, outcome_status, token_subject, token_issuer, action, method"
                + " from audit_record where actor = 'probe-writer-tx' and path = '/audit-probe/notes'");
        Row note = one("select xmin::text as tx from audit_probe_note where id = '" + id + "'");
        assertEquals(note.getString("tx"), audit.getString("tx"), "the note and its audit row: one transaction");
        assertEquals("P-100", audit.getString("patient_refs"));
        assertEquals(200, audit.getInteger("outcome_status"), "a committed change is recorded as 200");
        assertEquals("sub-writer-1", audit.getString("token_subject"));
        assertEquals(ISSUER, audit.getString("token_issuer"));
        assertEquals(1L, count("select count(*) from outbox_event where subject = '" + id + "'"), "the note's event");
    }

    @Test
    void aWriteWhoseAuditRowFailsAnswers503AndWritesNothing() {
        long notes = count("select count(*) from audit_probe_note");
        long outbox = count("select count(*) from outbox_event");
        ExtractableResponse<Response> answer = given().auth().oauth2(token("audit-refused", "sub-refused", "clinician"))
                .contentType(ContentType.JSON).body("{\"patientRef\":\"P-200\",\"text\":\"never stored\"}")
                .post("/audit-probe/notes").then().extract();
        assertEquals(503, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertEquals(notes, count("select count(*) from audit_probe_note"), "no business row");
        assertEquals(outbox, count("select count(*) from outbox_event"), "no outbox row");
        assertEquals(0L, count("select count(*) from audit_probe_note where text = 'never stored'"));
    }

    @Test
    void aReadWhoseAuditRowFailsAnswers503WithoutItsBody() {
        String id = create("P-300", "intrathecal morphine 0.5 mg/day");
        ExtractableResponse<Response> answer = given().auth().oauth2(token("audit-refused", "sub-refused", "ops"))
                .get("/audit-probe/notes/" + id).then().extract();
        assertEquals(503, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertFalse(answer.asString().contains("morphine"), answer.asString());
        // the same read by a caller whose audit row can be written gets the note: the 503 was the audit's doing
        given().auth().oauth2(token("probe-reader", "sub-reader", "ops")).get("/audit-probe/notes/" + id)
                .then().statusCode(200);
    }

    @Test
    void refusalsAndMissingSubResourcesCarryThePatientThePathNames() {
        String id = create("P-400", "wound check");
        String notFound = "/audit-probe/notes/" + id + "/amendments/" + UUID.randomUUID();
        given().auth().oauth2(token("probe-ops-404", "sub-ops", "ops")).get(notFound).then().statusCode(404);
        String forbidden = "/audit-probe/notes/" + id + "/amendments";
        String body = given().auth().oauth2(token("probe-ops-403", "sub-ops", "ops")).contentType(ContentType.JSON)
                .body("{\"patientRef\":\"P-400\",\"text\":\"x\"}").post(forbidden).then().statusCode(403)
                .extract().asString();
        assertFalse(body.contains("P-400"), "the refusal tells the caller nothing of the patient: " + body);
        assertEquals("P-400:404", patientAndStatus("probe-ops-404", notFound));
        assertEquals("P-400:403", patientAndStatus("probe-ops-403", forbidden));
    }

    @Test
    void theQueryStringAndTheTokensSubjectAndIssuerAreRecorded() {
        String id = create("P-500", "refill due");
        given().urlEncodingEnabled(false).auth().oauth2(token("probe-query", "sub-query-7", "clinician"))
                .get("/audit-probe/notes/" + id + "?view=full&reason=care%20review").then().statusCode(200);
        Row audit = one("select query_string, token_subject, token_issuer, patient_refs from audit_record"
                + " where actor = 'probe-query'");
        assertEquals("view=full&reason=care%20review", audit.getString("query_string"), "the raw query string");
        assertEquals("sub-query-7", audit.getString("token_subject"));
        assertEquals(ISSUER, audit.getString("token_issuer"));
        assertEquals("P-500", audit.getString("patient_refs"), "a view without patientRef: the patient of its path");
        RowSet<Row> broken = pool.query("select * from audit_chain_verify()").execute().await().atMost(DB);
        assertEquals(0, broken.size(), "the chain verifies with the new rows");
    }

    private String create(String patientRef, String text) {
        return given().auth().oauth2(token("probe-writer", "sub-writer-1", "clinician")).contentType(ContentType.JSON)
                .body("{\"patientRef\":\"" + patientRef + "\",\"text\":\"" + text + "\"}")
                .post("/audit-probe/notes").then().statusCode(201).extract().path("id");
    }

    private String patientAndStatus(String actor, String path) {
        Row row = one("select patient_refs, outcome_status from audit_record where actor = '" + actor + "' and path = '"
                + path + "'");
        return row.getString("patient_refs") + ":" + row.getInteger("outcome_status");
    }

    private static String token(String name, String subject, String role) {
        return Jwt.upn(name).subject(subject).groups(role).sign();
    }

    private static void asOwner(String statement) {
        try (java.sql.Connection connection = AuditRuntimeRoleTest.connectAsOwner()) {
            connection.createStatement().execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void sql(String statement) {
        pool.query(statement).execute().await().atMost(DB);
    }

    private Row one(String query) {
        RowSet<Row> rows = pool.query(query).execute().await().atMost(DB);
        assertEquals(1, rows.size(), query);
        return rows.iterator().next();
    }

    private long count(String query) {
        return pool.query(query).execute().await().atMost(DB).iterator().next().getLong(0);
    }
}
