package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.breakglass.BreakGlass;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.RoleViews;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.chassis.security.Roles.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lists need a filter (issue 14): GET /trials without status=IN_PROGRESS or a bounded start-date range is 400 naming
 * the filters, unless the caller gives a break-glass reason; that read is recorded in break_glass_access in the
 * transaction of its lookup, and fails closed (503) when the record cannot be written.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class BreakGlassTest {

    @Inject
    Pool pool;

    private static String token(String user, String... roles) {
        return Jwt.upn(user).groups(Set.of(roles)).sign();
    }

    @Test
    void anUnfilteredListIs400NamingItsFiltersAndReadsNothing() {
        long before = breakGlassRows();
        given().auth().oauth2(token("bg-ops", OPS)).when().get("/trials").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://itpump.org/problems/filter-required"))
                .body("errors", equalTo(List.of("status=IN_PROGRESS", "from and to at most 31 days apart")))
                .body("detail", containsString(BreakGlass.HEADER));
        // a status that is no worklist (trials stay CANCELLED for ever) does not scope the list
        given().auth().oauth2(token("bg-ops", OPS)).queryParam("status", "CANCELLED").when().get("/trials")
                .then().statusCode(400);
        assertEquals(before, breakGlassRows(), "a refused list records no break-glass read");
    }

    @Test
    void aDateRangeScopesTheListUpTo31Days() {
        OffsetDateTime from = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        String ops = token("bg-ops", OPS);
        // 31 days to the microsecond is the longest range; one microsecond more needs a break-glass reason
        given().auth().oauth2(ops).queryParam("from", from.toString()).queryParam("to", from.plusDays(31).toString())
                .when().get("/trials").then().statusCode(200);
        given().auth().oauth2(ops).queryParam("from", from.toString())
                .queryParam("to", from.plusDays(31).plusNanos(1000).toString())
                .when().get("/trials").then().statusCode(400).body("title", equalTo("List filter required"));
        // one end alone is no bounded range
        given().auth().oauth2(ops).queryParam("from", from.toString()).when().get("/trials").then().statusCode(400);
        given().auth().oauth2(ops).queryParam("status", "IN_PROGRESS").when().get("/trials").then().statusCode(200);
    }

    @Test
    void aBreakGlassReadIsAnsweredAndRecordedWithItsReasonAndRows() {
        RoleViews.asStaff(() -> List.of(TrialTestSupport.startTrial(6), TrialTestSupport.startTrial(7)));
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        String reason = "ward 3 downtime: paper list of all trials (ticket OPS-77)";
        List<String> listed = given().auth().oauth2(token("bg-nurse", NURSE)).header(BreakGlass.HEADER, reason)
                .when().get("/trials?limit=2").then().statusCode(200).extract().jsonPath().getList("trialId");
        // two trials were just started, so the first page of two is full
        assertEquals(2, listed.size());
        List<Row> rows = recorded("bg-nurse");
        assertEquals(1, rows.size(), "one break-glass row for one read");
        Row row = rows.get(0);
        assertEquals("nurse", row.getString("roles"));
        assertEquals("GET", row.getString("method"));
        assertEquals("/trials?limit=2", row.getString("path"));
        assertEquals(reason, row.getString("reason"));
        assertEquals(2, row.getInteger("rows_returned"));
        assertTrue(!row.getOffsetDateTime("accessed_at").isBefore(before), row.toJson().encode());
    }

    @Test
    void aFilteredReadWithAReasonIsAnOrdinaryRead() {
        given().auth().oauth2(token("bg-filtered", CLINICIAN)).header(BreakGlass.HEADER, "not needed")
                .queryParam("status", "IN_PROGRESS").when().get("/trials").then().statusCode(200);
        assertEquals(0, recorded("bg-filtered").size());
    }

    @Test
    void breakGlassWidensTheRowsNeverTheRolesAndNeedsARealReason() {
        // a scheduler may not read trials at all: the reason changes nothing
        given().auth().oauth2(token("bg-scheduler", SCHEDULER)).header(BreakGlass.HEADER, "emergency")
                .when().get("/trials").then().statusCode(403);
        given().auth().oauth2(token("bg-blank", OPS)).header(BreakGlass.HEADER, "   ")
                .when().get("/trials").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://itpump.org/problems/filter-required"));
        given().auth().oauth2(token("bg-long", OPS)).header(BreakGlass.HEADER, "x".repeat(501))
                .when().get("/trials").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at most 500 characters"));
        assertEquals(0, recorded("bg-scheduler").size() + recorded("bg-blank").size() + recorded("bg-long").size());
    }

    @Test
    void aBreakGlassReadWhoseRecordCannotBeWrittenIsNotAnswered() {
        // DDL is the migration owner's (the service runs as the runtime role)
        org.itpump.testing.PathwayTestResource.asMigrationOwner("alter table break_glass_access rename to break_glass_access_away");
        try {
            given().auth().oauth2(token("bg-unrecorded", OPS)).header(BreakGlass.HEADER, "ward downtime")
                    .when().get("/trials").then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://itpump.org/problems/break-glass-not-recorded"))
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("trialId")));
        } finally {
            org.itpump.testing.PathwayTestResource.asMigrationOwner("alter table break_glass_access_away rename to break_glass_access");
        }
    }

    @Test
    void theRecordIsAppendOnly() {
        given().auth().oauth2(token("bg-append", OPS)).header(BreakGlass.HEADER, "audit sample").when()
                .get("/trials?limit=1").then().statusCode(200);
        for (String change : new String[]{"update break_glass_access set reason = 'nothing' where actor = 'bg-append'",
                "delete from break_glass_access where actor = 'bg-append'", "truncate break_glass_access"}) {
            // the service's runtime role has no such privilege (chassis V0_13) ...
            RuntimeException refused = assertThrows(RuntimeException.class,
                    () -> pool.query(change).execute().await().atMost(Duration.ofSeconds(10)), change);
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
            // ... and the table's owner is stopped by its append-only guard (V0_12)
            RuntimeException guarded = assertThrows(RuntimeException.class,
                    () -> org.itpump.testing.PathwayTestResource.asMigrationOwner(change), change);
            assertTrue(guarded.getCause().getMessage().contains("append-only"), guarded.getCause().getMessage());
        }
        assertEquals("audit sample", recorded("bg-append").get(0).getString("reason"));
    }

    @Test
    void theOpenApiNamesTheFiltersAndTheBreakGlassHeader() {
        String openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        assertTrue(openApi.contains("\"" + BreakGlass.HEADER + "\""), "the header is a documented parameter");
        assertTrue(openApi.contains("status=IN_PROGRESS (the running trials, a worklist)"), "GET /trials names its filters");
    }

    private long breakGlassRows() {
        return pool.query("select count(*) from break_glass_access").execute().await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private List<Row> recorded(String actor) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select * from break_glass_access where actor = $1").execute(Tuple.of(actor))
                .await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }

}
