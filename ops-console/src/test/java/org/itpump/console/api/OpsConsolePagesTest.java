package org.itpump.console.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.console.PathwayEvents;
import org.itpump.testing.Await;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages at HTTP level, fed by real events on the real topics: the projection, the role cuts, the audit of page
 * views and the inbox's idempotence.
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
class OpsConsolePagesTest {

    @Inject
    Pool pool;

    static String token(String role) {
        return Jwt.upn("t-" + role).groups(role).sign();
    }

    static String page(String role, String path) {
        return given().auth().oauth2(token(role)).accept("text/html").when().get(path)
                .then().statusCode(200).extract().asString();
    }

    static List<String> attributes(String html, String attribute) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("<tr " + attribute + "=\"([^\"]+)\"").matcher(html);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    @Test
    void theTimelineListsEveryEventInOrderAndOnlyClinicalRolesSeeScoresAndDoses() {
        String patient = "MRN-TL-" + UUID.randomUUID().toString().substring(0, 8);
        try (PathwayEvents pathway = new PathwayEvents(patient)) {
            pathway.send(PathwayEvents.TRIAL, "trial.started", pathway.trialStarted());
            pathway.send(PathwayEvents.TRIAL, "trial.assessment-recorded", pathway.assessment(4));
            pathway.send(PathwayEvents.TRIAL, "trial.passed", pathway.trialPassed());
            pathway.send(PathwayEvents.IMPLANT, "implant.case-opened", pathway.caseOpened());
            pathway.send(PathwayEvents.IMPLANT, "implant.scheduled",
                    pathway.scheduled("2030-01-15T08:30:00Z", "2030-01-15T10:30:00Z", 120));

            String clinician = Await.until(() -> page("clinician", "/pathways?q=" + patient),
                    html -> attributes(html, "data-type").size() == 5, "five events on the timeline");
            // the order they were published in (ce_time), across two topics
            assertEquals(List.of("trial.started", "trial.assessment-recorded", "trial.passed", "implant.case-opened",
                    "implant.scheduled"), attributes(clinician, "data-type"));
            assertTrue(clinician.contains(pathway.pathwayId), clinician);
            // the contract sample's trial: morphine 0.3 mg, baseline NRS 7; the assessment's NRS 4 at 120 min
            assertTrue(clinician.contains("morphine 0.3 mg, baseline NRS 7"), clinician);
            assertTrue(clinician.contains("NRS 4 at 120 min"), clinician);
            assertTrue(clinician.contains("<svg id=\"timeline-chart\""), clinician);
            // the first event sits at the axis' left edge (x = 170), the last at its right edge (170 + 760 = 930)
            assertTrue(clinician.contains("cx=\"170.0\""), clinician);
            assertTrue(clinician.contains("cx=\"930.0\""), clinician);

            String scheduler = page("scheduler", "/pathways?q=" + pathway.pathwayId);
            assertEquals(5, attributes(scheduler, "data-type").size());
            assertTrue(scheduler.contains(patient));
            assertFalse(scheduler.contains("NRS"), "a scheduler sees no pain score: " + scheduler);
            assertFalse(scheduler.contains("morphine"), "a scheduler sees no drug or dose: " + scheduler);

            String ops = page("ops", "/pathways?q=" + pathway.pathwayId);
            assertEquals(5, attributes(ops, "data-type").size());
            assertFalse(ops.contains(patient), "ops sees no patient reference: " + ops);
            assertFalse(ops.contains("NRS"), ops);
        }
    }

    @Test
    void theBoardDrawsEachBookingInItsRoomAtItsTime() {
        String patient = "MRN-TB-" + UUID.randomUUID().toString().substring(0, 8);
        try (PathwayEvents pathway = new PathwayEvents(patient)) {
            pathway.send(PathwayEvents.IMPLANT, "implant.case-opened", pathway.caseOpened());
            String awaiting = Await.until(() -> page("scheduler", "/worklists"),
                    html -> attributes(html, "data-case").contains(pathway.caseId), "the case awaiting scheduling");
            assertTrue(awaiting.contains(patient));
            pathway.send(PathwayEvents.IMPLANT, "implant.scheduled",
                    pathway.scheduled("2031-03-04T08:30:00Z", "2031-03-04T10:30:00Z", 120));

            // the scheduler's board also lists the cases awaiting scheduling (with a booking form): wait for the bar
            String board = Await.until(() -> page("scheduler", "/?day=2031-03-04"),
                    html -> html.contains("<g class=\"booking status-SCHEDULED\" data-case=\"" + pathway.caseId + "\""),
                    "the booking on the board");
            assertTrue(board.contains("Theatre 1"), board);
            assertTrue(board.contains(patient + " · SCHEDULED"), board);
            // a day of 24 h over 760 px from x = 170: 08:30 is 170 + 8.5 / 24 * 760 = 439.17 -> 439.2; 10:30 is
            // 170 + 10.5 / 24 * 760 = 502.5, so the bar is 502.5 - 439.2 = 63.3 px wide
            assertTrue(board.contains("<rect x=\"439.2\" y=\"42.0\" width=\"63.3\""), board);
            assertFalse(attributes(page("scheduler", "/worklists"), "data-case").contains(pathway.caseId),
                    "a booked case leaves the scheduling worklist");
            // the day before shows none of it
            assertFalse(page("scheduler", "/?day=2031-03-03").contains(pathway.caseId));
        }
    }

    @Test
    void refillsAreUrgentFirstThenWithdrawalCriticalAndScheduleresSeeNone() {
        try (PathwayEvents pathway = new PathwayEvents("MRN-RF-" + UUID.randomUUID().toString().substring(0, 8))) {
            String routine = UUID.randomUUID().toString();
            String highMorphine = UUID.randomUUID().toString();
            String highBaclofen = UUID.randomUUID().toString();
            String urgent = UUID.randomUUID().toString();
            pathway.send(PathwayEvents.DOSING, "dosing.refill-due", pathway.refillDue(routine, "morphine", "2030-01-01", "ROUTINE", false));
            pathway.send(PathwayEvents.DOSING, "dosing.refill-due", pathway.refillDue(highMorphine, "morphine", "2030-01-02", "HIGH", false));
            pathway.send(PathwayEvents.DOSING, "dosing.refill-overdue", pathway.refillDue(highBaclofen, "baclofen", "2030-01-05", "HIGH", true));
            pathway.send(PathwayEvents.DOSING, "dosing.refill-due", pathway.refillDue(urgent, "morphine", "2030-01-10", "URGENT", false));
            List<String> ours = List.of(routine, highMorphine, highBaclofen, urgent);

            String nurse = Await.until(() -> page("nurse", "/worklists"),
                    html -> attributes(html, "data-therapy").containsAll(ours), "four refills on the worklist");
            // URGENT first whatever its date; within HIGH the withdrawal-critical baclofen before the earlier morphine
            assertEquals(List.of(urgent, highBaclofen, highMorphine, routine),
                    attributes(nurse, "data-therapy").stream().filter(ours::contains).toList());
            assertTrue(nurse.contains("baclofen"));

            String scheduler = page("scheduler", "/worklists");
            assertTrue(attributes(scheduler, "data-therapy").isEmpty(), scheduler);
            assertFalse(scheduler.contains("baclofen"));
        }
    }

    @Test
    void anEscalationStaysOnTheWorklistWithItsAgeUntilAcknowledged() {
        try (PathwayEvents pathway = new PathwayEvents("MRN-ES-" + UUID.randomUUID().toString().substring(0, 8))) {
            Instant raised = Instant.now().minus(90, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            pathway.send(PathwayEvents.FOLLOWUP, "followup.complication-escalated", pathway.escalated(raised.toString()));
            pathway.send(PathwayEvents.FOLLOWUP, "followup.visit-due", pathway.visitDue("WOUND_CHECK", "2026-11-28T09:00:00Z"));

            // both events: the visit comes after the escalation on the pathway's partition, so wait for it too
            String nurse = Await.until(() -> page("nurse", "/worklists"),
                    html -> attributes(html, "data-escalation").contains(pathway.escalationId)
                            && html.contains("WOUND_CHECK"), "the escalation and the due visit");
            String row = nurse.substring(nurse.indexOf("data-escalation=\"" + pathway.escalationId));
            row = row.substring(0, row.indexOf("</tr>"));
            // raised 90 min before it was sent; the page is read within the same minute
            assertTrue(row.contains("<td>90</td>"), row);
            assertTrue(row.contains("pump pocket infection"), row);
            assertTrue(row.contains("Acknowledge"), row);
            assertTrue(nurse.contains("WOUND_CHECK"), "the due visit is on the nurse's worklist");

            String ops = page("ops", "/worklists");
            String opsRow = ops.substring(ops.indexOf("data-escalation=\"" + pathway.escalationId));
            opsRow = opsRow.substring(0, opsRow.indexOf("</tr>"));
            assertFalse(opsRow.contains("pump pocket infection"), "ops sees no suspicion: " + opsRow);
            assertFalse(opsRow.contains(pathway.patientRef), opsRow);
            assertFalse(opsRow.contains("Acknowledge"), "ops cannot acknowledge: " + opsRow);

            pathway.send(PathwayEvents.FOLLOWUP, "followup.escalation-acknowledged",
                    pathway.acknowledged("dev-nurse", Instant.now().toString()));
            Await.until(() -> page("nurse", "/worklists"),
                    html -> !attributes(html, "data-escalation").contains(pathway.escalationId), "the escalation to leave");
            String timeline = page("nurse", "/pathways?q=" + pathway.pathwayId);
            assertTrue(timeline.contains("Escalation acknowledged"), timeline);
            assertTrue(timeline.contains("dev-nurse"), "who acknowledged: " + timeline);
        }
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        try (PathwayEvents pathway = new PathwayEvents("MRN-ID-" + UUID.randomUUID().toString().substring(0, 8))) {
            String id = UUID.randomUUID().toString();
            pathway.send(PathwayEvents.TRIAL, id, "trial.started", pathway.trialStarted());
            pathway.send(PathwayEvents.TRIAL, id, "trial.started", pathway.trialStarted());
            pathway.send(PathwayEvents.TRIAL, "trial.assessment-recorded", pathway.assessment(5));
            // the later event on the same partition is applied after both copies
            String html = Await.until(() -> page("clinician", "/pathways?q=" + pathway.pathwayId),
                    page -> page.contains("NRS 5"), "the assessment after the duplicate");
            assertEquals(List.of("trial.started", "trial.assessment-recorded"), attributes(html, "data-type"));
        }
    }

    @Test
    void deadLettersOfTheServicesAreListedForOpsWithoutTheirPayload() {
        String reason = "baseline NRS 0 refused " + UUID.randomUUID();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers())) {
            sender.send("itpump.implant-service.dlq", "k", "{\"secret\":\"payload-not-shown\"}", Map.of(
                    "dead-letter-reason", reason, "ce_type", "trial.passed", "ce_subject", "pathway-dlq"));
        }
        String ops = Await.until(() -> page("ops", "/worklists"), html -> html.contains(reason), "the dead letter");
        assertTrue(ops.contains("implant-service"));
        assertFalse(ops.contains("payload-not-shown"));
        assertFalse(page("clinician", "/worklists").contains(reason), "dead letters are ops' worklist");
    }

    @Test
    void everyPageViewIsAuditedWithThePatientReferencesItShowed() {
        String patient = "MRN-AU-" + UUID.randomUUID().toString().substring(0, 8);
        try (PathwayEvents pathway = new PathwayEvents(patient)) {
            pathway.send(PathwayEvents.TRIAL, "trial.started", pathway.trialStarted());
            Await.until(() -> page("clinician", "/pathways?q=" + patient), html -> html.contains(pathway.pathwayId),
                    "the pathway");
            List<String> refs = new ArrayList<>();
            pool.preparedQuery("select patient_refs from audit_record where actor = 't-clinician' and path = '/pathways'"
                            + " and outcome_status = 200")
                    .execute(Tuple.tuple()).await().atMost(Duration.ofSeconds(10))
                    .forEach(row -> refs.add(row.getString("patient_refs")));
            assertTrue(refs.contains(patient), "audited with " + patient + ": " + refs);
        }
    }

    @TestHTTPResource("/live")
    URL live;

    /**
     * The live stream names changed pathways (ids only, no patient reference); opening it is audited all the same.
     * Quarkus REST invokes no response filter on a streamed (Multi) answer, so the chassis' AuditTrail never sees it:
     * the endpoint records it itself (AuditRecorder.recordStreamOpened) before streaming. The pages the stream makes
     * the browser re-fetch are audited too (everyPageViewIsAuditedWithThePatientReferencesItShowed).
     */
    @Test
    void openingTheLiveStreamIsAuditedLikeARead() throws Exception {
        String actor = "t-nurse";
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(live.toURI())
                        .header("Authorization", "Bearer " + token("nurse")).header("Accept", "text/event-stream")
                        .build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(30, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        stream.body().close();
        long audited = Await.until(() -> pool.preparedQuery("select count(*) from audit_record where actor = $1"
                                + " and path = '/live' and method = 'GET'")
                        .execute(Tuple.of(actor)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0),
                count -> count > 0, "the audit row of the live stream");
        assertTrue(audited > 0);
    }

    @Test
    void badParametersAreProblems() {
        Response day = given().auth().oauth2(token("scheduler")).get("/?day=tomorrow");
        assertEquals(400, day.statusCode());
        assertTrue(day.contentType().startsWith("application/problem+json"), day.contentType());
        assertEquals(400, given().auth().oauth2(token("scheduler")).get("/?span=month").statusCode());
        assertEquals(403, given().auth().oauth2(token("integration")).get("/").statusCode());
        assertEquals(401, given().get("/worklists").statusCode());
    }
}
