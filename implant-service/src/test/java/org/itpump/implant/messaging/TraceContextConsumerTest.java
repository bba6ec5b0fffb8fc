package org.itpump.implant.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.testing.ContractSamples.trialPassed;
import static org.itpump.testing.TopicProbe.ofType;
import static org.itpump.testing.Traces.newTraceparent;
import static org.itpump.testing.Traces.traceId;
import static org.itpump.testing.Traces.traceparent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A consumed event's trace continues through the handler: the implant case it opens is committed, appended to
 * the outbox and published in the trace of the trial.passed record that caused it.
 */
@QuarkusTest
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
            sender.send(TRIAL_TOPIC, pathwayId, trialPassed(pathwayId, UUID.randomUUID().toString()), Map.of(
                    "ce_specversion", "1.0",
                    "ce_id", UUID.randomUUID().toString(),
                    "ce_type", "trial.passed",
                    "ce_source", "urn:itpump:trial-service",
                    "ce_subject", pathwayId,
                    "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(),
                    "content-type", "application/json",
                    "traceparent", decision));

            ConsumerRecord<String, String> opened = implantEvents.await(ofType("implant.case-opened", pathwayId),
                    Duration.ofSeconds(30));
            assertEquals(traceId(decision), traceId(traceparent(opened)), "implant.case-opened continues the decision's trace");
        }
        String row = pool.preparedQuery("select traceparent from outbox_event where subject = $1 and type = $2")
                .execute(Tuple.of(pathwayId, "implant.case-opened")).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getString(0);
        assertEquals(traceId(decision), traceId(row), "the handler's outbox row carries the consumed record's trace");
    }
}
