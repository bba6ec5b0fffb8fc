package org.itpump.chassis.inbox;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.itpump.chassis.ChassisTestResource;
import org.itpump.chassis.events.EventContracts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The inbox tells a duplicate from poison from a transient failure (issue 11): a redelivered event has no second
 * effect, poison goes to the dead-letter topic with its reason at once and the partition goes on, and a transient
 * failure is retried until the effect is applied, once, with nothing dead-lettered. Real Kafka, real PostgreSQL:
 * events are sent to itpump.trial.events as trial-service's relay would, and this application's
 * {@link TestTrialEventsConsumer} consumes them through the {@link InboundEventProcessor}.
 * <p>
 * Each test ends with a marker event of the same pathway (same key, so the same partition, after the records under
 * test): once the marker's effect is there, the records before it have been handled.
 */
@QuarkusTest
@WithTestResource(ChassisTestResource.class)
class InboxTest {

    private static final String TOPIC = "itpump.trial.events";
    private static final String DEAD_LETTERS = "itpump.chassis-test.dlq";
    private static final String TRIAL_SERVICE = EventContracts.load().sourceOf(TOPIC).orElseThrow();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static KafkaProducer<String, String> producer;
    /** Holds records up to 500 ms and sends them in one request: they reach the consumer in one poll. */
    private static KafkaProducer<String, String> together;

    @Inject
    TestTrialEventsConsumer consumer;
    @Inject
    Pool pool;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ChassisTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        together = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ChassisTestResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 500),
                new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
        together.close();
    }

    @Test
    void aRedeliveredEventHasNoSecondEffect() {
        UUID pathway = UUID.randomUUID();
        UUID trial = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        send(eventId, pathway, trial, "COMPLICATION");
        send(eventId, pathway, trial, "COMPLICATION"); // the relay's at-least-once: the same ce_id again
        UUID marker = sendMarker(pathway);

        await(() -> consumer.applied(marker) == 1, "the marker after the duplicate is applied");
        assertEquals(1, consumer.applied(trial), "the event was delivered twice and applied once");
        assertEquals(1, consumer.attempts(trial), "the duplicate never reached the handler");
        assertEquals(1L, pool.preparedQuery("select count(*) from inbox_event where consumer = $1 and event_source = $2 and event_id = $3")
                .execute(Tuple.of("chassis-test", TRIAL_SERVICE, eventId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0), "one inbox row, consumer = quarkus.application.name");
    }

    @Test
    void poisonIsDeadLetteredAtOnceWithItsReasonAndThePartitionGoesOn() {
        UUID pathway = UUID.randomUUID();
        UUID unreadable = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        consumer.refuse.add(refused);
        String unreadableId = UUID.randomUUID().toString();
        String refusedId = UUID.randomUUID().toString();
        send(unreadableId, pathway, unreadable, "BORED"); // not in the schema's enum of reasons
        send(refusedId, pathway, refused, "OTHER");       // readable, refused by a clinical rule
        UUID marker = sendMarker(pathway);

        await(() -> consumer.applied(marker) == 1, "the marker behind the poison is applied");
        assertEquals(0, consumer.attempts(unreadable), "an event failing its schema never reaches the handler");
        assertEquals(1, consumer.attempts(refused), "a clinical refusal is not retried");
        assertEquals(0, consumer.applied(refused));

        Map<String, String> reasons = deadLetterReasons(pathway, 2);
        assertEquals("trial.cancelled fails its schema: /reason: does not have a value in the enumeration"
                + " [\"COMPLICATION\", \"PATIENT_WITHDREW\", \"OTHER\"]", reasons.get(unreadableId));
        assertEquals("trial.cancelled refused: trial " + refused + " was never started here", reasons.get(refusedId));
        assertEquals(2, reasons.size(), "the marker is not dead-lettered: " + reasons);
    }

    @Test
    void aTransientFailureIsRetriedUntilAppliedOnceAndNothingIsDeadLettered() {
        UUID pathway = UUID.randomUUID();
        UUID trial = UUID.randomUUID();
        consumer.failTransiently.put(trial, new AtomicInteger(3));
        send(UUID.randomUUID().toString(), pathway, trial, "PATIENT_WITHDREW");
        UUID marker = sendMarker(pathway);

        await(() -> consumer.applied(marker) == 1, "the marker behind the retried event is applied");
        // 3 failed attempts (each rolled back with its inbox row) + the one that succeeded
        assertEquals(4, consumer.attempts(trial));
        assertEquals(1, consumer.applied(trial));
        assertEquals(Map.of(), deadLetterReasons(pathway, 0), "a transient failure is never dead-lettered");
    }

    @Test
    void aTypeTheConsumerDoesNotHandleIsSkippedUnreadWithNoInboxRowAndNoDeadLetter() {
        UUID pathway = UUID.randomUUID();
        String skippedId = UUID.randomUUID().toString();
        String forgedId = UUID.randomUUID().toString();
        // trial.passed is a known type of this topic that this consumer has no handler for; its payload is not even
        // JSON: read, it would be poison, so only an unread payload is acknowledged without a dead letter
        send(record(skippedId, pathway, "trial.passed", TRIAL_SERVICE, "this is not JSON"));
        // the headers of an unhandled type are still checked: a forged source is dead-lettered with its reason
        send(record(forgedId, pathway, "trial.passed", "urn:itpump:somebody-else", "this is not JSON"));
        UUID marker = sendMarker(pathway);

        await(() -> consumer.applied(marker) >= 1, "the marker after the skipped event is applied");
        assertEquals(0L, inboxRows(skippedId), "a skipped event leaves no inbox row");
        Map<String, String> reasons = deadLetterReasons(pathway, 1);
        assertEquals(Map.of(forgedId, "ce_source 'urn:itpump:somebody-else' is not " + TRIAL_SERVICE
                + ", the only producer of " + TOPIC), reasons, "only the forged record is dead-lettered");
    }

    @Test
    void theEventsOfOnePollAreAppliedInOneTransactionInTheirOrder() {
        UUID pathway = UUID.randomUUID();
        List<UUID> trials = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> ids = sendCancellationsTogether(pathway, trials);

        await(() -> trials.stream().allMatch(trial -> inboxRows(ids.get(trials.indexOf(trial))) == 1),
                "the three events are applied");
        assertEquals(1, trials.stream().map(consumer.transactions::get).distinct().count(),
                "one transaction for the poll's three events: " + consumer.transactions);
        assertEquals(trials, appliedOrder(trials), "applied in offset order");
        assertEquals(Map.of(), deadLetterReasons(pathway, 0));
    }

    /** The batch's inbox rows are written in one statement (issue 17): a record twice in one poll is still applied once. */
    @Test
    void anEventTwiceInOnePollIsAppliedOnceAndTheOthersWithIt() {
        UUID pathway = UUID.randomUUID();
        UUID twice = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String twiceId = UUID.randomUUID().toString();
        String otherId = UUID.randomUUID().toString();
        sendTogether(List.of(cancelled(twiceId, pathway, twice, "OTHER"), cancelled(otherId, pathway, other, "OTHER"),
                cancelled(twiceId, pathway, twice, "OTHER")));

        await(() -> inboxRows(otherId) == 1, "the other event is applied");
        assertEquals(List.of(1L, 1L), List.of(inboxRows(twiceId), inboxRows(otherId)), "one inbox row each");
        assertEquals(1, consumer.attempts(twice), "the second copy never reached the handler");
        assertEquals(List.of(twice, other), appliedOrder(List.of(twice, other)), "applied in offset order");
        assertEquals(Map.of(), deadLetterReasons(pathway, 0));
    }

    @Test
    void aPoisonInABatchIsDeadLetteredAloneAndTheOthersAreAppliedInOrder() {
        UUID pathway = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        consumer.refuse.add(refused);
        String firstId = UUID.randomUUID().toString();
        String refusedId = UUID.randomUUID().toString();
        String secondId = UUID.randomUUID().toString();
        String thirdId = UUID.randomUUID().toString();
        sendTogether(List.of(cancelled(firstId, pathway, first, "OTHER"), cancelled(refusedId, pathway, refused, "OTHER"),
                cancelled(secondId, pathway, second, "OTHER"), cancelled(thirdId, pathway, third, "OTHER")));

        Map<String, String> reasons = deadLetterReasons(pathway, 1);
        assertEquals(Map.of(refusedId, "trial.cancelled refused: trial " + refused + " was never started here"), reasons,
                "exactly the refused record is dead-lettered");
        await(() -> inboxRows(thirdId) == 1, "the events around the poison are applied");
        assertEquals(List.of(1L, 0L, 1L, 1L), List.of(inboxRows(firstId), inboxRows(refusedId), inboxRows(secondId),
                inboxRows(thirdId)), "each applied once (inbox rows), the refused one not at all");
        assertEquals(1, consumer.attempts(refused), "the refusal is not retried");
        assertEquals(List.of(first, second, third), appliedOrder(List.of(first, second, third)), "applied in offset order");
        assertEquals(1, java.util.stream.Stream.of(first, second, third).map(consumer.transactions::get).distinct().count(),
                "the three applied together, after the poison was taken out: " + consumer.transactions);
    }

    @Test
    void aTransientFailureInABatchRetriesItsEventsOneByOneWithoutLossOrDuplicate() {
        UUID pathway = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID failing = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        consumer.failTransiently.put(failing, new AtomicInteger(2));
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        sendTogether(List.of(cancelled(ids.get(0), pathway, first, "OTHER"), cancelled(ids.get(1), pathway, failing, "OTHER"),
                cancelled(ids.get(2), pathway, third, "OTHER")));

        await(() -> inboxRows(ids.get(2)) == 1, "the event after the failing one is applied");
        assertEquals(List.of(1L, 1L, 1L), ids.stream().map(this::inboxRows).toList(), "each applied once");
        // the batch's attempt (rolled back) + 1 more failure + the one that succeeded
        assertEquals(3, consumer.attempts(failing));
        assertEquals(List.of(first, failing, third), appliedOrder(List.of(first, failing, third)), "applied in offset order");
        assertEquals(Map.of(), deadLetterReasons(pathway, 0), "a transient failure is never dead-lettered");
    }

    /**
     * A REST write holds a pathway's lock and then writes its audit row; a consumed batch applies an event of another
     * pathway, then one of the write's pathway, whose append waits for the write. The batch must not hold the audit
     * chain's head while it waits: the write would wait for the head, and PostgreSQL would abort one of the two for
     * the deadlock (40P01; the benchmark's hop phase saw the write answer 409 so). With the batch's audit rows written
     * last, the write commits first and the batch goes on in its one transaction.
     */
    @Test
    void aBatchWaitingForAWritesPathwayHoldsNoAuditHeadTheWriteNeeds() throws Exception {
        UUID writePathway = UUID.randomUUID();
        UUID otherPathway = samePartitionAs(writePathway); // the batch's order is then offset order: other first
        UUID otherTrial = UUID.randomUUID();
        UUID writeTrial = UUID.randomUUID();
        consumer.appendEvent.add(otherTrial);
        consumer.appendEvent.add(writeTrial);

        java.util.concurrent.CompletableFuture<Void> appended = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> release = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Void> write = new java.util.concurrent.CompletableFuture<>();
        new Thread(() -> {
            try {
                io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> restWrite.appendHoldAndAudit(
                        org.itpump.chassis.outbox.RelayFixture.trialCancelled(json, writePathway, "MRN-0042"),
                        appended, release));
                write.complete(null);
            } catch (Throwable failure) {
                write.completeExceptionally(failure);
            }
        }).start();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        try {
            appended.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            int waitingBefore = waitingForPathwayLocks();
            sendTogether(List.of(cancelled(ids.get(0), otherPathway, otherTrial, "OTHER"),
                    cancelled(ids.get(1), writePathway, writeTrial, "OTHER")));
            await(() -> waitingForPathwayLocks() > waitingBefore, "the batch waits for the write's pathway lock");
        } finally {
            release.complete(null); // the write now writes its audit row and commits (never left holding its lock)
        }
        write.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS); // throws if it was the deadlock's victim
        await(() -> inboxRows(ids.get(1)) == 1, "the batch's events are applied");
        assertEquals(List.of(1L, 1L), ids.stream().map(this::inboxRows).toList(), "each applied once");
        assertEquals(1, java.util.stream.Stream.of(otherTrial, writeTrial).map(consumer.transactions::get).distinct().count(),
                "both in the batch's one transaction, never aborted and redone one by one: " + consumer.transactions);
        assertEquals(List.of(otherTrial, writeTrial), appliedOrder(List.of(otherTrial, writeTrial)), "in offset order");
    }

    /**
     * A batch's session forgets each event's entities once they are written: every flush and query cascades over all
     * the entities a session manages, so keeping a poll's 500 cases made a batch quadratic (issue 17's drain profile).
     */
    @Test
    void eachEventOfABatchStartsWithAnEmptySession() {
        UUID pathway = UUID.randomUUID();
        List<UUID> trials = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        trials.forEach(trial -> consumer.stillManaged.put(trial, -1));
        List<String> ids = sendCancellationsTogether(pathway, trials);

        await(() -> ids.stream().allMatch(id -> inboxRows(id) == 1), "the three events are applied");
        assertEquals(1, trials.stream().map(consumer.transactions::get).distinct().count(),
                "one batch, one transaction: " + consumer.transactions);
        assertEquals(List.of(0, 0, 0), trials.stream().map(consumer.stillManaged::get).toList(),
                "no timer of an earlier event is still managed when the next event runs");
    }

    /** A REST write's shape: its event appended (the pathway's lock taken), then its audit row, then the commit. */
    @jakarta.enterprise.context.ApplicationScoped
    public static class RestWrite {
        @Inject
        org.itpump.chassis.outbox.Outbox outbox;
        @Inject
        org.itpump.chassis.audit.AuditRecorder audit;

        @io.quarkus.hibernate.reactive.panache.common.WithTransaction
        public io.smallrye.mutiny.Uni<Void> appendHoldAndAudit(org.itpump.chassis.events.OutgoingEvent event,
                                                               java.util.concurrent.CompletableFuture<Void> appended,
                                                               java.util.concurrent.CompletableFuture<Void> release) {
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            return outbox.append(event)
                    .invoke(() -> appended.complete(null))
                    // the session belongs to this context: resume on it, not on the thread that releases
                    .chain(() -> io.smallrye.mutiny.Uni.createFrom().<Void>emitter(resumed ->
                            release.thenRun(() -> context.runOnContext(ignored -> resumed.complete(null)))))
                    .chain(() -> audit.recordSystemChange("TIMER", "test-write", "a REST write's stand-in", null));
        }
    }

    @Inject
    RestWrite restWrite;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /** Transactions waiting for a pathway's advisory lock (class "itpu", see Outbox). */
    private int waitingForPathwayLocks() {
        return pool.preparedQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                        + " and cast(classid as bigint) = $1")
                .execute(Tuple.of((long) 0x6974_7075)).await().atMost(WAIT).iterator().next().getInteger(0);
    }

    /** A new pathway whose records go to the same partition of the topic as {@code pathway}'s (Kafka's key hash). */
    private static UUID samePartitionAs(UUID pathway) {
        int partitions = producer.partitionsFor(TOPIC).size();
        int target = partitionOf(pathway, partitions);
        while (true) {
            UUID candidate = UUID.randomUUID();
            if (partitionOf(candidate, partitions) == target) {
                return candidate;
            }
        }
    }

    private static int partitionOf(UUID pathway, int partitions) {
        byte[] key = pathway.toString().getBytes(StandardCharsets.UTF_8);
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key)) % partitions;
    }

    /** The trials' last applications, in the order they happened (an application rolled back with its batch and redone counts once, last). */
    private List<UUID> appliedOrder(List<UUID> trials) {
        List<UUID> order;
        synchronized (consumer.order) {
            order = new ArrayList<>(consumer.order);
        }
        List<UUID> last = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            if (trials.contains(order.get(i)) && !last.contains(order.get(i))) {
                last.add(0, order.get(i));
            }
        }
        return last;
    }

    private long inboxRows(String eventId) {
        return pool.preparedQuery("select count(*) from inbox_event where consumer = $1 and event_id = $2")
                .execute(Tuple.of("chassis-test", eventId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    /** A trial.cancelled of the pathway for each trial, sent to reach the consumer in one poll; returns their ce_ids. */
    private static List<String> sendCancellationsTogether(UUID pathway, List<UUID> trials) {
        List<String> ids = new ArrayList<>();
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (UUID trial : trials) {
            ids.add(UUID.randomUUID().toString());
            records.add(cancelled(ids.get(ids.size() - 1), pathway, trial, "OTHER"));
        }
        sendTogether(records);
        return ids;
    }

    private static void sendTogether(List<ProducerRecord<String, String>> records) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(together.send(record));
            }
            together.flush();
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + TOPIC, e);
        }
    }

    private static ProducerRecord<String, String> cancelled(String eventId, UUID pathway, UUID trial, String reason) {
        return record(eventId, pathway, "trial.cancelled", TRIAL_SERVICE, """
                {"pathwayId":"%s","patientRef":"MRN-0042","trialId":"%s","previousStatus":"IN_PROGRESS",\
                "reason":"%s","cancelledAt":"2026-11-30T09:00:00Z"}""".formatted(pathway, trial, reason));
    }

    private static ProducerRecord<String, String> record(String eventId, UUID pathway, String type, String source,
                                                         String payload) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, pathway.toString(), payload);
        Map.of("ce_specversion", "1.0", "ce_id", eventId, "ce_type", type, "ce_source", source,
                        "ce_subject", pathway.toString(), "content-type", "application/json")
                .forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot send to " + TOPIC, e);
        }
    }

    private void send(String eventId, UUID pathway, UUID trial, String reason) {
        send(cancelled(eventId, pathway, trial, reason));
    }

    private UUID sendMarker(UUID pathway) {
        UUID marker = UUID.randomUUID();
        send(UUID.randomUUID().toString(), pathway, marker, "OTHER");
        return marker;
    }

    /** ce_id to dead-letter-reason of the pathway's records on the dead-letter topic; reads until {@code expected}, then 2 s more. */
    private static Map<String, String> deadLetterReasons(UUID pathway, int expected) {
        Map<String, String> reasons = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ChassisTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "chassis-test-dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            Instant deadline = Instant.now().plus(WAIT);
            while (partitions.isEmpty() && Instant.now().isBefore(deadline)) {
                // the topic exists once the first dead letter was written (auto-created); none yet is fine
                reader.listTopics(Duration.ofSeconds(10)).getOrDefault(DEAD_LETTERS, List.of())
                        .forEach(info -> partitions.add(new TopicPartition(DEAD_LETTERS, info.partition())));
                if (partitions.isEmpty() && expected == 0) {
                    return reasons;
                }
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            while (reasons.size() < expected && Instant.now().isBefore(deadline)) {
                reader.poll(Duration.ofMillis(200)).forEach(record -> keep(reasons, pathway, record));
            }
            Instant quiet = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(quiet)) {
                reader.poll(Duration.ofMillis(200)).forEach(record -> keep(reasons, pathway, record));
            }
        }
        return reasons;
    }

    private static void keep(Map<String, String> reasons, UUID pathway, ConsumerRecord<String, String> record) {
        if (pathway.toString().equals(record.key())) {
            reasons.put(header(record, "ce_id"), header(record, "dead-letter-reason"));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
