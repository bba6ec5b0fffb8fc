package org.itpump.followup.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.itpump.chassis.security.Roles;
import org.itpump.followup.domain.escalation.Urgency;
import org.itpump.testing.Pages;
import org.itpump.testing.ParallelRequests;
import org.itpump.testing.PathwayTestResource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.itpump.followup.FollowupTestSupport.openPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paged escalations, plans and due milestones; unreadable query parameters; concurrent acknowledgements. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.OPS})
@WithTestResource(PathwayTestResource.class)
class FollowupListsAndRacesTest {

    private static final Instant SURGERY = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS)
            .plus(8, ChronoUnit.HOURS);

    @TestHTTPResource("/")
    URI base;

    /** A severe headache with fever and neck stiffness: 3 escalations (1 EMERGENCY, 2 URGENT) on a new plan. */
    private static List<String> escalate() {
        String planId = openPlan(UUID.randomUUID().toString(), UUID.randomUUID().toString(), SURGERY);
        return given().contentType(ContentType.JSON).body(Map.of("kind", "SEVERE_HEADACHE", "severity", "SEVERE",
                        "onsetAt", Instant.now().minus(2, ChronoUnit.HOURS).toString(),
                        "features", List.of("FEVER", "NECK_STIFFNESS")))
                .when().post("/monitoring-plans/{id}/complications", planId)
                .then().statusCode(201).extract().jsonPath().getList("escalations.escalationId");
    }

    @Test
    void openEscalationsComeInPagesMostUrgentFirstAcrossPageBoundaries() {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ours.addAll(escalate());
        }
        List<Map<String, Object>> all = given().queryParam("open", true).queryParam("limit", 200).when().get("/escalations")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(all.size() >= 9 && all.size() < 200, "one page of 200 holds them all: " + all.size());
        // pages of 4: the same rows in the same order as the single page, no row twice, none left out
        List<Map<String, Object>> paged = Pages.all(
                () -> given().queryParam("open", true).queryParam("limit", 4).when().get("/escalations"), 4, "escalationId");
        assertEquals(Pages.ids(all, "escalationId"), Pages.ids(paged, "escalationId"));
        assertTrue(Pages.ids(paged, "escalationId").containsAll(ours));
        List<Urgency> urgencies = paged.stream().map(e -> Urgency.valueOf((String) e.get("urgency"))).toList();
        assertEquals(urgencies.stream().sorted(Comparator.naturalOrder()).toList(), urgencies, "most urgent first");
    }

    @Test
    void plansAndDueMilestonesComeInPagesToo() {
        for (int i = 0; i < 3; i++) {
            openPlan(UUID.randomUUID().toString(), UUID.randomUUID().toString(), Instant.now().minus(1, ChronoUnit.HOURS));
        }
        // every plan: no filter scopes that, so the test reads it as a break-glass read (issue 14)
        Pages.withBreakGlass(() -> {
            List<Map<String, Object>> plans = given().queryParam("limit", 200).when().get("/monitoring-plans")
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertEquals(Pages.ids(plans, "planId"), Pages.ids(Pages.all(
                    () -> given().queryParam("limit", 2).when().get("/monitoring-plans"), 2, "planId"), "planId"));
            return null;
        });
        // 31 days, the widest window read without a break-glass reason
        Instant now = Instant.now();
        String from = now.minus(1, ChronoUnit.DAYS).toString();
        String to = now.plus(30, ChronoUnit.DAYS).toString();
        List<Map<String, Object>> due = given().queryParam("from", from).queryParam("to", to).queryParam("limit", 200)
                .when().get("/monitoring-plans/due").then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(due.size() >= 6, "at least a wound check and a suture removal per new plan: " + due.size());
        List<Map<String, Object>> pagedDue = Pages.all(() -> given().queryParam("from", from).queryParam("to", to)
                .queryParam("limit", 5).when().get("/monitoring-plans/due"), 5,
                row -> row.get("planId") + " " + row.get("milestone") + " " + row.get("subject") + " " + row.get("dueAt"));
        assertEquals(due, pagedDue);
    }

    @Test
    void listsNeedAPatientOrAWorklistAndTheDueWindowIsBounded() {
        given().when().get("/monitoring-plans").then().statusCode(400).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("https://itpump.org/problems/filter-required"))
                .body("errors", org.hamcrest.Matchers.equalTo(List.of("pathwayId", "status=ACTIVE|WOUND_FOLLOWUP")));
        given().queryParam("status", "CLOSED").when().get("/monitoring-plans").then().statusCode(400);
        given().queryParam("status", "WOUND_FOLLOWUP").when().get("/monitoring-plans").then().statusCode(200);
        given().when().get("/escalations").then().statusCode(400)
                .body("errors", org.hamcrest.Matchers.equalTo(List.of("open=true")));
        given().queryParam("open", false).when().get("/escalations").then().statusCode(400);
        // 31 days is the widest due window without a reason; 31 days and a second is not
        Instant from = Instant.parse("2026-12-01T00:00:00Z");
        given().queryParam("from", from.toString()).queryParam("to", from.plus(31, ChronoUnit.DAYS).toString())
                .when().get("/monitoring-plans/due").then().statusCode(200);
        given().queryParam("from", from.toString()).queryParam("to", from.plus(31, ChronoUnit.DAYS).plusSeconds(1)
                .toString()).when().get("/monitoring-plans/due").then().statusCode(400)
                .body("errors", org.hamcrest.Matchers.equalTo(
                        List.of("from and to at most 31 days apart (default: the next 7 days)")));
        given().header(org.itpump.chassis.breakglass.BreakGlass.HEADER, "quarterly clinic capacity planning")
                .queryParam("from", from.toString()).queryParam("to", from.plus(90, ChronoUnit.DAYS).toString())
                .when().get("/monitoring-plans/due").then().statusCode(200);
    }

    @Test
    void everyUnreadableQueryParameterIs400NamingIt() {
        Map<String, Map<String, String>> unreadable = Map.of(
                "/escalations", Map.of("open", "maybe", "limit", "0"),
                "/monitoring-plans", Map.of("status", "SLEEPING", "pathwayId", "plan-7", "cursor", "abc"),
                "/monitoring-plans/due", Map.of("from", "monday", "to", "2026-11-31T00:00:00Z", "limit", "2000"));
        unreadable.forEach((path, parameters) -> parameters.forEach((parameter, value) ->
                given().queryParam(parameter, value).when().get(path).then().statusCode(400)
                        .contentType("application/problem+json").body("detail", containsString("'" + parameter + "'"))));
    }

    @Test
    void concurrentAcknowledgementsOfOneEscalationOneWinsTheOthersGet409() {
        String escalationId = escalate().get(0);
        ParallelRequests http = new ParallelRequests(base);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // the acknowledging clinician is the token's (issue 13): the body is empty
            answers.add(http.send("POST", "escalations/" + escalationId + "/acknowledgement", "{}"));
        }
        int acknowledged = 0;
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.join();
            if (response.statusCode() == 200) {
                acknowledged++;
            } else {
                ParallelRequests.assertConflict(response);
            }
        }
        assertEquals(1, acknowledged);
    }
}
