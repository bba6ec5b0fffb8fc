package org.itpump.local.fault;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.itpump.testing.PoisonCorpus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Reads every pathway topic from the beginning, as an integration engine would, and checks per pathway (record
 * key) that the events come in the order they were committed: each event's {@code ce_time} (taken from one
 * machine clock when its outbox row was appended) is not earlier than the one before it on the same key. A relay
 * per replica claiming disjoint batches breaks this. It also counts the copies of each event id (a Kafka outage
 * longer than the relay's ack timeout used to republish batches several times).
 */
final class OrderCheck {

    record Result(long records, long pathways, List<String> outOfOrder, long extraCopies, int maxCopies) {
    }

    static Result check(String bootstrap, List<String> topics) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long records = 0;
        Map<String, OffsetDateTime> last = new HashMap<>();
        Map<String, Integer> copies = new HashMap<>();
        List<String> outOfOrder = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.headers().lastHeader(PoisonCorpus.VARIANT_HEADER) != null) {
                        continue; // the bad-input phase's own records, not the services'
                    }
                    records++;
                    String id = header(record, "ce_id");
                    copies.merge(record.topic() + "|" + id, 1, Integer::sum);
                    String time = header(record, "ce_time");
                    if (record.key() == null || time == null || copies.get(record.topic() + "|" + id) > 1) {
                        continue; // a copy repeats an event already placed; it is counted, not ordered
                    }
                    String pathway = record.topic() + "|" + record.key();
                    OffsetDateTime at;
                    try {
                        at = OffsetDateTime.parse(time);
                    } catch (java.time.format.DateTimeParseException unreadable) {
                        outOfOrder.add(pathway + ": " + header(record, "ce_type") + " with an unreadable ce_time '" + time + "'");
                        continue;
                    }
                    OffsetDateTime before = last.put(pathway, at);
                    if (before != null && at.isBefore(before)) {
                        outOfOrder.add(pathway + ": " + header(record, "ce_type") + " at " + at + " after an event at " + before);
                    }
                }
            }
        }
        long extra = copies.values().stream().mapToLong(n -> n - 1L).sum();
        int max = copies.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new Result(records, last.size(), outOfOrder, extra, max);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private OrderCheck() {
    }
}
