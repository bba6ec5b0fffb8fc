package org.itpump.implant.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.itpump.chassis.security.Roles;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.itpump.implant.ImplantTestSupport.TRIAL_TOPIC;
import static org.itpump.implant.ImplantTestSupport.awaitCases;
import static org.itpump.implant.ImplantTestSupport.casesOf;
import static org.itpump.testing.ContractSamples.trialPassed;
import static org.itpump.testing.TopicProbe.header;
import static org.itpump.testing.TopicProbe.ofType;
import static org.itpump.testing.Traces.newTraceparent;
import static org.itpump.testing.Traces.traceId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Poison, fix, redrive, applied once, with the real trial-events consumer and a real broker and PostgreSQL.
 *
 * <p>The poison: a hot-fix migration narrowed implant_case.baseline_nrs to 0-9 by mistake (NRS is 0-10, the
 * trial.passed contract's range), so PostgreSQL refuses the case of a trial.passed whose baseline NRS is 10 and
 * the event is dead-lettered; the event itself is valid. The fix is the DBA's: the constraint is dropped. Then
 * ops redrive the dead letter over REST and the case opens, once.
 */
@QuarkusTest
@TestSecurity(user = "ops-on-call", roles = {Roles.OPS, Roles.CLINICIAN, Roles.NURSE, Roles.SCHEDULER})
@WithTestResource(PathwayTestResource.class)
class DeadLetterRedriveTest {

    private static final String DLQ = "itpump.implant-service.dlq";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The processor retries a failed handler with back-off (about 16 s) before it dead-letters. */
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(90);
    private static final String MISTAKEN_CONSTRAINT = "implant_case_baseline_nrs_hotfix";

    private static EventSender sender;
    private static TopicProbe deadLetters;
    private static TopicProbe trialEvents;
    private static TopicProbe implantEvents;

    @Inject
    Pool pool;

    @BeforeAll
    static void connect() {
        sender = new EventSender(PathwayTestResource.bootstrapServers());
        deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), DLQ);
        trialEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), TRIAL_TOPIC);
        implantEvents = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.implant.events");
    }

    @AfterAll
    static void close() {
        sender.close();
        deadLetters.close();
        trialEvents.close();
        implantEvents.close();
    }

    @Test
    void aDeadLetterRedrivenAfterTheFixIsAppliedOnceAndASecondRedriveIsRefusedOrDroppedByTheInbox() {
        String pathwayId = UUID.randomUUID().toString();
        String trialId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String value = trialPassed(pathwayId, trialId).replace("\"baselineNrs\":8", "\"baselineNrs\":10");
        String traceparent = newTraceparent();

        // --- poison: the mistaken constraint refuses the case ---
        // a schema change is the migration owner's to make: the service's runtime role owns no table
        PathwayTestResource.asMigrationOwner("alter table implant_case add constraint " + MISTAKEN_CONSTRAINT + " check (baseline_nrs between 0 and 9) not valid");
        ConsumerRecord<String, String> deadLetter;
        try {
            sender.send(TRIAL_TOPIC, pathwayId, value, Map.of("ce_specversion", "1.0", "ce_id", eventId,
                    "ce_type", "trial.passed", "ce_source", "urn:itpump:trial-service", "ce_subject", pathwayId,
                    "ce_time", OffsetDateTime.now(ZoneOffset.UTC).toString(), "content-type", "application/json",
                    "traceparent", traceparent));
            deadLetter = deadLetters.await(record -> eventId.equals(header(record, "ce_id")), DEAD_LETTER_WAIT);
        } finally {
            PathwayTestResource.asMigrationOwner("alter table implant_case drop constraint if exists " + MISTAKEN_CONSTRAINT); // --- the fix ---
        }
        int partition = deadLetter.partition();
        long offset = deadLetter.offset();
        String label = DLQ + "@" + partition + ":" + offset;

        // nothing applied before the redrive
        assertTrue(casesOf(pathwayId).isEmpty(), "no case while the event is a dead letter");
        assertEquals(0, caseOpenedCount(pathwayId, Duration.ofSeconds(1)));

        // ops see it, metadata only
        JsonPath listed = given().queryParam("partition", partition).queryParam("fromOffset", offset).queryParam("limit", 1)
                .when().get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertEquals(DLQ, listed.getString("deadLetterTopic"));
        Map<String, Object> view = listed.getMap("deadLetters[0]");
        assertEquals(offset, ((Number) view.get("offset")).longValue());
        assertEquals(partition, view.get("partition"));
        assertEquals(eventId, view.get("ceId"));
        assertEquals("trial.passed", view.get("ceType"));
        assertEquals(pathwayId, view.get("ceSubject"));
        assertEquals(TRIAL_TOPIC, view.get("originalTopic"));
        assertNotNull(view.get("originalOffset"));
        assertNotNull(view.get("deadLetteredAt"));
        assertTrue(String.valueOf(view.get("reason")).contains(MISTAKEN_CONSTRAINT), "reason: " + view.get("reason"));
        assertEquals(false, view.get("redriven"));
        assertFalse(listed.prettify().contains("PT-77"), "no payload (its patient reference) in the list");

        // refused requests change nothing
        given().contentType(ContentType.JSON).body(Map.of("deadLetters", List.of(Map.of("partition", partition, "offset", offset))))
                .when().post("/dead-letters/redrive").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors", hasItem(containsString("reason")));
        given().contentType(ContentType.JSON).body(redrive(partition, 999_999, "fixed", false))
                .when().post("/dead-letters/redrive").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString(DLQ + "@" + partition + ":999999"));
        given().contentType(ContentType.JSON).body(redrive(99, 0, "fixed", false))
                .when().post("/dead-letters/redrive").then().statusCode(404).body("errors", hasItem(DLQ + "@99:0"));
        assertEquals(0, caseOpenedCount(pathwayId, Duration.ofSeconds(1)));

        // --- redrive ---
        double redrivenBefore = redrivenCount();
        JsonPath answer = given().contentType(ContentType.JSON)
                .body(redrive(partition, offset, "baseline NRS constraint corrected (ticket OPS-123)", false))
                .when().post("/dead-letters/redrive").then().statusCode(200).extract().jsonPath();
        assertEquals("ops-on-call", answer.getString("redrivenBy"));
        assertEquals(eventId, answer.getString("redriven[0].ceId"));
        assertEquals(TRIAL_TOPIC, answer.getString("redriven[0].topic"));
        assertEquals(false, answer.getBoolean("redriven[0].forced"));

        ConsumerRecord<String, String> republished = trialEvents.await(record -> label.equals(header(record, "itpump-redrive-of")), WAIT);
        assertEquals(pathwayId, republished.key());
        assertEquals(value, republished.value());
        assertEquals(answer.getInt("redriven[0].republishedPartition"), republished.partition());
        assertEquals(answer.getLong("redriven[0].republishedOffset"), republished.offset());
        for (String name : List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_subject", "ce_time", "content-type")) {
            assertEquals(header(deadLetter, name), header(republished, name), name);
        }
        assertEquals(traceId(traceparent), traceId(header(republished, "traceparent")), "the record stays in its trace");
        republished.headers().forEach(h -> assertFalse(h.key().startsWith("dead-letter-"), "no " + h.key() + " header"));

        // applied exactly once: one case, one implant.case-opened
        assertEquals(10, awaitCases(pathwayId, 1).get(0).get("baselineNrs"));
        assertEquals(1, casesOf(pathwayId).size());
        assertEquals(1, caseOpenedCount(pathwayId, Duration.ofSeconds(2)));

        JsonPath after = given().queryParam("partition", partition).queryParam("fromOffset", offset).queryParam("limit", 1)
                .when().get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertEquals(true, after.getBoolean("deadLetters[0].redriven"));
        assertEquals("ops-on-call", after.getString("deadLetters[0].redrives[0].redrivenBy"));
        assertEquals("baseline NRS constraint corrected (ticket OPS-123)", after.getString("deadLetters[0].redrives[0].reason"));

        // --- a second redrive is refused ... ---
        given().contentType(ContentType.JSON).body(redrive(partition, offset, "again", false))
                .when().post("/dead-letters/redrive").then().statusCode(409)
                .contentType(startsWith("application/problem+json")).body("detail", containsString(label));

        // --- ... unless forced, and then the consumer's inbox drops the event it applied ---
        JsonPath forced = given().contentType(ContentType.JSON).body(redrive(partition, offset, "forced for the test", true))
                .when().post("/dead-letters/redrive").then().statusCode(200).extract().jsonPath();
        assertEquals(true, forced.getBoolean("redriven[0].forced"));
        int republishedPartition = forced.getInt("redriven[0].republishedPartition");
        String marker = pathwayOnPartition(republishedPartition);
        sender.sendCloudEvent(TRIAL_TOPIC, UUID.randomUUID().toString(), "trial.passed", marker,
                trialPassed(marker, UUID.randomUUID().toString()));
        awaitCases(marker, 1); // the same partition, after the forced record: the consumer has passed it
        assertEquals(1, casesOf(pathwayId).size(), "still one case");
        assertEquals(1, caseOpenedCount(pathwayId, Duration.ofSeconds(2)), "still one implant.case-opened");

        assertEquals(redrivenBefore + 2, redrivenCount(), "itpump_events_redriven_total: the redrive and the forced one");

        // recorded durably: who, when, which record, why; and audited
        List<String> redrives = rows("""
                select redriven_by || '|' || reason || '|' || forced || '|' || original_topic || '|' || event_id
                from dead_letter_redrive where dead_letter_topic = $1 and dead_letter_partition = $2 and dead_letter_offset = $3
                order by redriven_at, republished_offset""", Tuple.of(DLQ, partition, offset));
        assertEquals(List.of(
                "ops-on-call|baseline NRS constraint corrected (ticket OPS-123)|false|" + TRIAL_TOPIC + "|" + eventId,
                "ops-on-call|forced for the test|true|" + TRIAL_TOPIC + "|" + eventId), redrives);
        List<String> audited = rows("select outcome_status::text from audit_record where actor = $1 and path = $2 order by recorded_at",
                Tuple.of("ops-on-call", "/dead-letters/redrive"));
        assertTrue(audited.size() >= 6, "audited: " + audited);
        assertEquals(List.of("400", "404", "404", "200", "409", "200"), audited.subList(audited.size() - 6, audited.size()),
                "this test's calls, last in the audit trail");
    }

    @Test
    void theListPagesPartitionByPartitionWithinItsLimits() {
        // three dead letters on one pathway (one partition): a trial.passed failing its schema is poison at once
        String pathwayId = UUID.randomUUID().toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            sender.sendCloudEvent(TRIAL_TOPIC, id, "trial.passed", pathwayId, "{\"pathwayId\":\"" + pathwayId + "\"}");
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (String id : ids) {
            records.add(deadLetters.await(record -> id.equals(header(record, "ce_id")), WAIT));
        }
        int partition = records.get(0).partition();
        long first = records.get(0).offset();

        JsonPath page = given().queryParam("partition", partition).queryParam("fromOffset", first).queryParam("limit", 2)
                .when().get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(ids.get(0), ids.get(1)), page.getList("deadLetters.ceId"));
        assertEquals(partition, page.getInt("next[0].partition"));
        long next = page.getLong("next[0].fromOffset");
        assertEquals(records.get(1).offset() + 1, next);
        JsonPath rest = given().queryParam("partition", partition).queryParam("fromOffset", next).queryParam("limit", 200)
                .when().get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertEquals(ids.get(2), rest.getString("deadLetters[0].ceId"));
        assertFalse(rest.getString("deadLetters[0].reason").isBlank());

        // every partition: the default page holds at most 50 and names where each partition goes on
        JsonPath all = given().when().get("/dead-letters").then().statusCode(200).extract().jsonPath();
        assertTrue(all.getList("deadLetters").size() <= 50);
        given().queryParam("limit", 201).when().get("/dead-letters").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().queryParam("limit", 0).when().get("/dead-letters").then().statusCode(400);
        given().queryParam("fromOffset", -1).when().get("/dead-letters").then().statusCode(400);
    }

    @Test
    void aRecordThatDoesNotSayWhereItCameFromOrCameFromATopicNotConsumedHereIsNotRedriven() {
        String anonymous = UUID.randomUUID().toString();
        String foreign = UUID.randomUUID().toString();
        sender.send(DLQ, anonymous, "{}", Map.of("ce_id", anonymous));
        sender.send(DLQ, foreign, "{}", Map.of("ce_id", foreign, "dead-letter-topic", "itpump.dosing.events",
                "dead-letter-reason", "written by hand"));
        ConsumerRecord<String, String> first = deadLetters.await(record -> anonymous.equals(header(record, "ce_id")), WAIT);
        ConsumerRecord<String, String> second = deadLetters.await(record -> foreign.equals(header(record, "ce_id")), WAIT);

        given().contentType(ContentType.JSON).body(Map.of("reason", "try", "deadLetters", List.of(
                        Map.of("partition", first.partition(), "offset", first.offset()),
                        Map.of("partition", second.partition(), "offset", second.offset()))))
                .when().post("/dead-letters/redrive").then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors", hasItem(containsString(DLQ + "@" + first.partition() + ":" + first.offset() + " has no dead-letter-topic")))
                .body("errors", hasItem(containsString("came from itpump.dosing.events, a topic this service does not consume")));
        assertEquals(0L, rows("select count(*)::text from dead_letter_redrive where event_id in ($1, $2)",
                Tuple.of(anonymous, foreign)).stream().mapToLong(Long::parseLong).sum());
    }

    @Test
    void twoOperatorsRedrivingOneRecordAtOnceRedriveItOnceAndAStillPoisonousEventComesBack() throws Exception {
        String pathwayId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        sender.sendCloudEvent(TRIAL_TOPIC, eventId, "trial.passed", pathwayId, "{\"pathwayId\":\"" + pathwayId + "\"}");
        ConsumerRecord<String, String> deadLetter = deadLetters.await(record -> eventId.equals(header(record, "ce_id")), WAIT);
        String label = DLQ + "@" + deadLetter.partition() + ":" + deadLetter.offset();

        Callable<Integer> redriveIt = () -> given().contentType(ContentType.JSON)
                .body(redrive(deadLetter.partition(), deadLetter.offset(), "concurrent", false))
                .when().post("/dead-letters/redrive").then().extract().statusCode();
        ExecutorService operators = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = operators.invokeAll(List.of(redriveIt, redriveIt));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses, "one redrive, one refusal");
        } finally {
            operators.shutdownNow();
        }
        assertEquals(List.of("1"), rows("""
                select count(*)::text from dead_letter_redrive
                where dead_letter_topic = $1 and dead_letter_partition = $2 and dead_letter_offset = $3""",
                Tuple.of(DLQ, deadLetter.partition(), deadLetter.offset())));
        // the fix did not cover this one: it is dead-lettered again, and says which dead letter it was
        ConsumerRecord<String, String> again = deadLetters.await(record -> eventId.equals(header(record, "ce_id"))
                && label.equals(header(record, "itpump-redrive-of")), WAIT);
        assertTrue(again.offset() != deadLetter.offset() || again.partition() != deadLetter.partition());
        assertEquals(1, trialEvents.drain(Duration.ofMillis(500)).stream()
                .filter(record -> label.equals(header(record, "itpump-redrive-of"))).count(), "published once");
    }

    private static Map<String, Object> redrive(int partition, long offset, String reason, boolean force) {
        return Map.of("deadLetters", List.of(Map.of("partition", partition, "offset", offset)), "reason", reason,
                "force", force);
    }

    private static double redrivenCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^itpump_events_redriven_total\\{topic=\"" + Pattern.quote(TRIAL_TOPIC) + "\"} (\\S+)",
                Pattern.MULTILINE).matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static long caseOpenedCount(String pathwayId, Duration quiet) {
        return implantEvents.drain(quiet).stream().filter(ofType("implant.case-opened", pathwayId)).count();
    }

    /** A new pathway id whose records land on the given partition of the trial topic (3 partitions, key hash). */
    private static String pathwayOnPartition(int partition) {
        while (true) {
            String candidate = UUID.randomUUID().toString();
            byte[] key = candidate.getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(key)) % 3 == partition) {
                return candidate;
            }
        }
    }

    private List<String> rows(String query, Tuple arguments) {
        List<String> found = new ArrayList<>();
        for (Row row : pool.preparedQuery(query).execute(arguments).await().atMost(Duration.ofSeconds(10))) {
            found.add(row.getString(0));
        }
        return found;
    }
}
