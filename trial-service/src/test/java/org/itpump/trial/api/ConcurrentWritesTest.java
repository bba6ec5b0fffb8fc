package org.itpump.trial.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.itpump.trial.TrialTestSupport;
import org.itpump.trial.domain.EligibilityItem;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.restassured.RestAssured.given;
import static org.itpump.trial.TrialTestSupport.assess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truly concurrent writes to one record, as many parallel HTTP requests: every answer is 2xx or 409 problem+json
 * (never 500), and the final state counts every write that was accepted.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE})
@WithTestResource(PathwayTestResource.class)
class ConcurrentWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 4;
    private static final int ASSESSMENTS_PER_ROUND = 24;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void anAssessmentRacingTheDecisionIsEitherCountedByItOrRefusedWith409() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String trialId = (String) TrialTestSupport.startTrial(8).get("trialId");
            assess(trialId, 4); // the decision needs one assessment; it is accepted before the race starts
            List<CompletableFuture<HttpResponse<String>>> assessments = new ArrayList<>();
            CompletableFuture<HttpResponse<String>> decision = null;
            for (int i = 0; i < ASSESSMENTS_PER_ROUND; i++) {
                assessments.add(send("POST", "trials/" + trialId + "/assessments",
                        "{\"nrs\": 2, \"minutesSinceDose\": 60, \"oralMmePerDay\": 40}"));
                if (i == ASSESSMENTS_PER_ROUND / 3) {
                    decision = send("POST", "trials/" + trialId + "/decision", null);
                }
            }
            int accepted = 1;
            for (CompletableFuture<HttpResponse<String>> answer : assessments) {
                HttpResponse<String> response = answer.join();
                if (response.statusCode() == 201) {
                    accepted++;
                } else {
                    assertConflict(response);
                }
            }
            HttpResponse<String> decided = decision.join();
            assertEquals(200, decided.statusCode(), decided.body());
            JsonNode counted = JSON.readTree(decided.body()).path("assessments");
            // Every accepted assessment committed before the decision read them (row lock on the trial), so the
            // decision counted all of them: e.g. 1 + 7 accepted = 8 assessments in the decision.
            assertEquals(accepted, counted.size(), "round " + round + ": accepted " + accepted + ", decision counted "
                    + counted.size());
            JsonNode stored = JSON.readTree(send("GET", "trials/" + trialId, null).join().body());
            assertEquals(accepted, stored.path("assessments").size());
            // mean NRS = (4 + 2 x (accepted - 1)) / accepted, as the decision reported it
            double mean = (4.0 + 2.0 * (accepted - 1)) / accepted;
            assertEquals(mean, stored.path("decision").path("meanAssessedNrs").asDouble(), 0.01);
        }
    }

    @Test
    void concurrentChecklistEditsOfOneCandidateAnswer200Or409NeverA500() {
        String candidateId = TrialTestSupport.registerCandidate("PT-RACE");
        List<EligibilityItem> items = Arrays.asList(EligibilityItem.values());
        List<CompletableFuture<HttpResponse<String>>> edits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String documented = JSON.valueToTree(items.subList(0, 1 + i % items.size())).toString();
            edits.add(send("PUT", "candidates/" + candidateId + "/eligibility", "{\"documented\": " + documented + "}"));
        }
        int succeeded = 0;
        for (CompletableFuture<HttpResponse<String>> edit : edits) {
            HttpResponse<String> response = edit.join();
            if (response.statusCode() == 200) {
                succeeded++;
            } else {
                assertConflict(response);
            }
        }
        assertTrue(succeeded >= 1, "at least the first edit wins");
        given().when().get("/candidates/{id}", candidateId).then().statusCode(200);
    }

    private static void assertConflict(HttpResponse<String> response) {
        assertEquals(409, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        try {
            assertEquals(409, JSON.readTree(response.body()).path("status").asInt(), response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
