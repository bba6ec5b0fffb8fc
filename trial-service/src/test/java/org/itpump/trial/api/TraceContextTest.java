package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.itpump.testing.TopicProbe.ofType;
import static org.itpump.testing.Traces.newTraceparent;
import static org.itpump.testing.Traces.spanId;
import static org.itpump.testing.Traces.traceId;
import static org.itpump.testing.Traces.traceparent;
import static org.itpump.trial.TrialTestSupport.assess;
import static org.itpump.trial.TrialTestSupport.eligibleCandidate;
import static org.itpump.trial.TrialTestSupport.trialOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The trace of a REST call travels with the events it commits: into the outbox row (traceparent column) and,
 * when the relay publishes the row, into the Kafka record's W3C traceparent header, so that consumers continue
 * the caller's trace rather than one of the relay's polls.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class TraceContextTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void eachRequestsTraceGoesThroughTheOutboxIntoTheKafkaHeadersOfItsEvents() {
        String candidateId = eligibleCandidate("PT-TRACE-1");
        String start = newTraceparent();
        Map<String, Object> trial = given().header("traceparent", start).contentType(ContentType.JSON)
                .body(trialOrder(candidateId, 8))
                .when().post("/trials").then().statusCode(201).extract().jsonPath().getMap("$");
        String trialId = (String) trial.get("trialId");
        String pathwayId = (String) trial.get("pathwayId");
        assess(trialId, 3);
        String decision = newTraceparent();
        given().header("traceparent", decision)
                .when().post("/trials/{id}/decision", trialId).then().statusCode(200);

        String startedRow = outboxTraceparent(pathwayId, "trial.started");
        assertEquals(traceId(start), traceId(startedRow), "the outbox row carries the request's trace");
        assertNotEquals(spanId(start), spanId(startedRow), "under the service's own server span");
        assertEquals(traceId(decision), traceId(outboxTraceparent(pathwayId, "trial.passed")));

        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.trial.events")) {
            ConsumerRecord<String, String> started = probe.await(ofType("trial.started", pathwayId), WAIT);
            assertEquals(traceId(start), traceId(traceparent(started)), "trial.started continues the POST /trials trace");
            ConsumerRecord<String, String> passed = probe.await(ofType("trial.passed", pathwayId), WAIT);
            assertEquals(traceId(decision), traceId(traceparent(passed)), "trial.passed continues the decision's trace");
            assertEquals("01", traceparent(passed).split("-")[3], "sampled, as the caller asked");
        }
    }

    private String outboxTraceparent(String pathwayId, String type) {
        return pool.preparedQuery("select traceparent from outbox_event where subject = $1 and type = $2")
                .execute(Tuple.of(pathwayId, type)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0);
    }
}
