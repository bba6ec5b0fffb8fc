package org.itpump.implant.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.implant.ImplantTestSupport.TOMORROW_9AM;
import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.implant.ImplantTestSupport.awaitCases;
import static org.itpump.implant.ImplantTestSupport.booking;
import static org.itpump.implant.ImplantTestSupport.confirmPreOp;
import static org.itpump.implant.ImplantTestSupport.procedure;
import static org.itpump.implant.ImplantTestSupport.registerRoom;
import static org.itpump.implant.ImplantTestSupport.registerSurgeon;
import static org.itpump.testing.ContractSamples.trialPassed;
import static org.itpump.testing.TopicProbe.ofType;
import static org.itpump.testing.Traces.newTraceparent;
import static org.itpump.testing.Traces.traceId;
import static org.itpump.testing.Traces.traceparent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A consumed event's trace continues through the handler: the implant case it opens is committed, appended to
 * the outbox and published in the trace of the trial.passed record that caused it. The pathway stays in that
 * trace: the booking and the completion, REST requests with traces of their own, publish their events in it,
 * so the consumers of implant.completed (therapy, monitoring plan) join the trial decision's trace.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.SCHEDULER, Roles.CLINICIAN, Roles.NURSE})
@WithTestResource(PathwayTestResource.class)
class TraceContextConsumerTest {

    @Inject
    Pool pool;

    @Test
    void theCaseOpenedByATracedTrialPassedCarriesItsTrace() {
        String pathwayId = UUID.randomUUID().toString();
        String decision = newTraceparent();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers());
             TopicProbe implantEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            sendTracedTrialPassed(sender, pathwayId, decision);

            ConsumerRecord<String, String> opened = implantEvents.await(ofType("implant.case-opened", pathwayId),
                    Duration.ofSeconds(30));
            assertEquals(traceId(decision), traceId(traceparent(opened)), "implant.case-opened continues the decision's trace");
        }
        String row = pool.preparedQuery("select traceparent from outbox_event where subject = $1 and type = $2")
                .execute(Tuple.of(pathwayId, "implant.case-opened")).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0);
        assertEquals(traceId(decision), traceId(row), "the handler's outbox row carries the consumed record's trace");
    }

    @Test
    void theBookingAndTheCompletionArePublishedInTheDecisionsTraceNotInTheirRequests() {
        String pathwayId = UUID.randomUUID().toString();
        String decision = newTraceparent();
        String bookingRequest = newTraceparent();
        String completionRequest = newTraceparent();
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers());
             TopicProbe implantEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events")) {
            sendTracedTrialPassed(sender, pathwayId, decision);
            String caseId = (String) awaitCases(pathwayId, 1).get(0).get("caseId");
            given().header("traceparent", bookingRequest).contentType(ContentType.JSON)
                    .body(booking(registerRoom(), registerSurgeon(), TOMORROW_9AM, 120))
                    .when().post("/implant-cases/{id}/booking", caseId).then().statusCode(200);
            confirmPreOp(caseId);
            given().header("traceparent", completionRequest).contentType(ContentType.JSON).body(procedure(20))
                    .when().post("/implant-cases/{id}/completion", caseId).then().statusCode(200);

            ConsumerRecord<String, String> scheduled = implantEvents.await(ofType("implant.scheduled", pathwayId),
                    Duration.ofSeconds(30));
            ConsumerRecord<String, String> completed = implantEvents.await(ofType("implant.completed", pathwayId),
                    Duration.ofSeconds(30));
            assertEquals(traceId(decision), traceId(traceparent(scheduled)), "implant.scheduled is in the pathway's trace");
            assertEquals(traceId(decision), traceId(traceparent(completed)), "implant.completed is in the pathway's trace");
            assertNotEquals(traceId(completionRequest), traceId(traceparent(completed)));
        }
    }

    private static void sendTracedTrialPassed(EventSender sender, String pathwayId, String traceparent) {
        sender.send(TRIAL_TOPIC, pathwayId, trialPassed(pathwayId, UUID.randomUUID().toString()), Map.of(
                "ce_specversion", "1.0",
                "ce_id", UUID.randomUUID().toString(),
                "ce_type", "trial.passed",
                "ce_source", "urn:itpump:trial-service",
                "ce_subject", pathwayId,
                "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                "content-type", "application/json",
                "traceparent", traceparent));
    }
}
