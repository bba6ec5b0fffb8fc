package org.itpump.trial.api;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.itpump.chassis.outbox.OutboxRelay;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.itpump.trial.TrialTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox keeps committed events while the relay is stopped, and publishes every one once it runs. */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class OutboxRecoveryTest {

    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;

    @AfterEach
    void resume() {
        relay.resume();
    }

    @Test
    void eventsCommittedWhileTheRelayIsStoppedArePublishedWhenItRunsAgain() {
        relay.pause();
        String pathwayId = (String) TrialTestSupport.startTrial(7).get("pathwayId");

        try (TopicProbe probe = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.trial.events")) {
            assertEquals(1, unpublished(pathwayId), "the state change committed its event to the outbox");
            assertTrue(probe.drain(Duration.ofSeconds(2)).stream().noneMatch(ofType("trial.started", pathwayId)),
                    "nothing is published while the relay is stopped");

            relay.resume();
            assertContract(probe.await(ofType("trial.started", pathwayId), Duration.ofSeconds(30)));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (unpublished(pathwayId) > 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(0, unpublished(pathwayId), "marked published after the broker's ack");
    }

    private long unpublished(String pathwayId) {
        return pool.preparedQuery("select count(*) from outbox_event where subject = $1 and published_at is null")
                .execute(Tuple.of(pathwayId)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }
}
