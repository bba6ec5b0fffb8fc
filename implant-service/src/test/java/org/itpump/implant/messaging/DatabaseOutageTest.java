package org.itpump.implant.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.itpump.chassis.security.Roles;
import org.itpump.infra.Infrastructure;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.implant.ImplantTestSupport.awaitCases;
import static org.itpump.testing.ContractSamples.trialPassed;
import static org.itpump.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database outage longer than the old retry budget (8 attempts, about 16 s) does not dead-letter a valid event:
 * the consumer retries without limit, liveness stays UP, and the event is applied once the database is back.
 * The outage is real: PostgreSQL refuses new connections to the service's database and ends the open ones.
 */
@QuarkusTest
@TestSecurity(user = "test-staff", roles = {Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER, Roles.PHARMACIST,
        Roles.OPS, Roles.INTEGRATION})
@WithTestResource(PathwayTestResource.class)
class DatabaseOutageTest {

    private static final String DATABASE = "itpump_implant_test";

    @AfterEach
    void databaseBack() throws SQLException {
        admin("alter database " + DATABASE + " allow_connections true");
    }

    @Test
    void aValidEventWaitsOutADatabaseOutageAndIsAppliedOnceNotDeadLettered() throws Exception {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        admin("alter database " + DATABASE + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");
        try (EventSender sender = new EventSender(PathwayTestResource.bootstrapServers());
             TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant-service.dlq")) {
            sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", pathwayId, trialPassed(pathwayId, trialId));

            Thread.sleep(Duration.ofSeconds(20).toMillis()); // longer than the old budget of 8 retries
            given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
            admin("alter database " + DATABASE + " allow_connections true");

            assertEquals(trialId, awaitCases(pathwayId, 1).get(0).get("trialId"));
            assertTrue(deadLetters.drain(Duration.ofSeconds(2)).stream().noneMatch(r -> eventId.equals(header(r, "ce_id"))),
                    "a valid event is never dead-lettered because the database was down");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = Infrastructure.shared().postgres().connect("postgres");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
