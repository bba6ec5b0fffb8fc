package org.itpump.chassis.outbox;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.itpump.chassis.ChassisTestResource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What the relay tests share: outbox rows written straight to the table (the relay publishes whatever a committed
 * row says; contracts are the Outbox's concern), topics of their own, and reading a topic like an integration
 * engine, from its beginning.
 */
public final class RelayFixture {

    private static final Duration DB = Duration.ofSeconds(10);

    private RelayFixture() {
    }

    /** A fresh topic of one partition (one pathway's key lands on one partition anyway) with the given configs. */
    static String createTopic(String prefix, Map<String, String> configs) {
        return createTopicNamed(topicName(prefix), configs);
    }

    /** A topic name of the test's own, not created yet. */
    static String topicName(String prefix) {
        return "chassis-test." + prefix + "." + UUID.randomUUID();
    }

    static String createTopicNamed(String topic, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create topic " + topic, e);
        }
        return topic;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ChassisTestResource.bootstrapServers()));
    }

    /** One outbox row to commit: where it goes and its JSON payload. */
    record Pending(String topic, String payload) {
    }

    /** Commits one row per payload, in list order (so in position order), all for one pathway; returns their ids. */
    static List<UUID> append(Pool pool, String topic, String pathwayId, List<String> payloads) {
        return append(pool, pathwayId, payloads.stream().map(payload -> new Pending(topic, payload)).toList());
    }

    static List<UUID> append(Pool pool, String pathwayId, List<Pending> outboxRows) {
        List<Tuple> rows = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 30, 9, 0, 0, 0, ZoneOffset.UTC);
        for (Pending row : outboxRows) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(Tuple.of(id, row.topic(), "chassis.relay-tested", pathwayId, at, row.payload()));
        }
        pool.withTransaction(connection -> connection.preparedQuery("""
                        insert into outbox_event (id, topic, type, subject, occurred_at, payload)
                        values ($1, $2, $3, $4, $5, cast(cast($6 as text) as jsonb))""").executeBatch(rows))
                .await().atMost(DB);
        return ids;
    }

    /** {"step": n} for n = 1..count. */
    static List<String> steps(int count) {
        List<String> payloads = new ArrayList<>();
        for (int step = 1; step <= count; step++) {
            payloads.add("{\"step\":" + step + "}");
        }
        return payloads;
    }

    static long count(Pool pool, String condition, String topic) {
        return pool.preparedQuery("select count(*) from outbox_event where topic = $1 and " + condition)
                .execute(Tuple.of(topic)).await().atMost(DB).iterator().next().getLong(0);
    }

    static long unpublished(Pool pool, String topic) {
        return count(pool, "published_at is null and parked_at is null", topic);
    }

    static Row row(Pool pool, UUID id) {
        return pool.preparedQuery("select published_at, parked_at, park_reason from outbox_event where id = $1")
                .execute(Tuple.of(id)).await().atMost(DB).iterator().next();
    }

    /** Leaves no row of the topic to hold up the next test's rows, whatever this test left behind. */
    static void forget(Pool pool, String topic) {
        pool.preparedQuery("delete from outbox_event where topic = $1").execute(Tuple.of(topic)).await().atMost(DB);
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + timeout + ": " + what);
            }
            sleep(50);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record of the topic from its beginning: reads until {@code expected} arrived, then {@code quiet} more. */
    static List<ConsumerRecord<String, String>> read(String topic, int expected, Duration timeout, Duration quiet) {
        return read(topic, record -> true, expected, timeout, quiet);
    }

    /** The same, keeping only the records that match (e.g. one pathway's, on a shared topic). */
    static List<ConsumerRecord<String, String>> read(String topic, Predicate<ConsumerRecord<String, String>> wanted,
                                                     int expected, Duration timeout, Duration quiet) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ChassisTestResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "chassis-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            Instant deadline = Instant.now().plus(timeout);
            while (records.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keep(records, wanted, record));
            }
            Instant until = Instant.now().plus(quiet);
            while (Instant.now().isBefore(until)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> keep(records, wanted, record));
            }
            return records;
        }
    }

    private static void keep(List<ConsumerRecord<String, String>> records, Predicate<ConsumerRecord<String, String>> wanted,
                             ConsumerRecord<String, String> record) {
        if (wanted.test(record)) {
            records.add(record);
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The ce_id of each record, in topic order. */
    static List<UUID> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> UUID.fromString(header(record, "ce_id"))).toList();
    }

    /** A {@code trial.cancelled} of the pathway that keeps its contract, told apart by its patient reference. */
    public static org.itpump.chassis.events.OutgoingEvent trialCancelled(com.fasterxml.jackson.databind.ObjectMapper json,
                                                                  UUID pathwayId, String patientRef) {
        try {
            return new org.itpump.chassis.events.OutgoingEvent("trial.cancelled", pathwayId, json.readTree("""
                    {"pathwayId":"%s","patientRef":"%s","trialId":"6d3c3d8e-8f0e-4f36-9d38-0a4f5b0c1e2d",
                     "previousStatus":"PASSED","reason":"PATIENT_WITHDREW","cancelledAt":"2026-11-27T10:00:00Z"}"""
                    .formatted(pathwayId, patientRef)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
