package org.itpump.chassis.deadletter;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads this service's dead-letter topic ({@code itpump.<service>.dlq}, the chassis' dead-letter-queue default)
 * at chosen offsets, with a plain Kafka consumer that assigns partitions and seeks: no consumer group, nothing
 * committed, the service's consumers are not disturbed. Blocking: call it from a worker thread.
 */
@ApplicationScoped
@IfBuildProperty(name = "itpump.dead-letters.enabled", stringValue = "true", enableIfMissing = true)
public class DeadLetterTopic {

    /** One page: the records read, and where to go on in each partition that holds more. */
    public record Page(List<ConsumerRecord<byte[], byte[]>> records, List<DeadLetterViews.Cursor> next) {
    }

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;
    private final String topic;
    private final Duration timeout;

    DeadLetterTopic(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic") String topic,
                    @ConfigProperty(name = "itpump.dead-letters.read-timeout", defaultValue = "10s") Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    public String name() {
        return topic;
    }

    /**
     * Up to {@code limit} records from {@code fromOffset} on (or the oldest one kept, if later), partition by
     * partition in order; {@code partition} empty means every partition of the topic.
     */
    public Page read(Optional<Integer> partition, long fromOffset, int limit) {
        try (KafkaConsumer<byte[], byte[]> consumer = open()) {
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            List<DeadLetterViews.Cursor> next = new ArrayList<>();
            for (TopicPartition part : partitions(consumer, partition)) {
                long begin = consumer.beginningOffsets(List.of(part), timeout).get(part);
                long end = consumer.endOffsets(List.of(part), timeout).get(part);
                long position = Math.max(fromOffset, begin);
                if (position >= end) {
                    continue;
                }
                if (records.size() >= limit) {
                    next.add(new DeadLetterViews.Cursor(part.partition(), position));
                    continue;
                }
                consumer.assign(List.of(part));
                consumer.seek(part, position);
                Instant deadline = Instant.now().plus(timeout);
                while (records.size() < limit && consumer.position(part) < end && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(part)) {
                        if (records.size() < limit && record.offset() < end) {
                            records.add(record);
                        }
                    }
                }
                long reached = records.isEmpty() || records.get(records.size() - 1).partition() != part.partition()
                        ? position : records.get(records.size() - 1).offset() + 1;
                if (reached < end) {
                    next.add(new DeadLetterViews.Cursor(part.partition(), reached));
                }
            }
            return new Page(records, next);
        }
    }

    /** The records at the given addresses; an address absent from the answer does not exist (any more). */
    public Map<DeadLetterViews.Address, ConsumerRecord<byte[], byte[]>> find(Collection<DeadLetterViews.Address> addresses) {
        Map<DeadLetterViews.Address, ConsumerRecord<byte[], byte[]>> found = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = open()) {
            List<Integer> known = partitions(consumer, Optional.empty()).stream().map(TopicPartition::partition).toList();
            for (DeadLetterViews.Address address : new TreeSet<>(addresses)) {
                if (!known.contains(address.partition())) {
                    continue;
                }
                TopicPartition part = new TopicPartition(topic, address.partition());
                long begin = consumer.beginningOffsets(List.of(part), timeout).get(part);
                long end = consumer.endOffsets(List.of(part), timeout).get(part);
                if (address.offset() < begin || address.offset() >= end) {
                    continue;
                }
                consumer.assign(List.of(part));
                consumer.seek(part, address.offset());
                Instant deadline = Instant.now().plus(timeout);
                boolean passed = false;
                while (!passed && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL).records(part)) {
                        if (record.offset() == address.offset()) {
                            found.put(address, record);
                        }
                        passed |= record.offset() >= address.offset();
                    }
                    passed |= consumer.position(part) > address.offset(); // e.g. a transaction marker's offset
                }
                if (!passed) {
                    throw new IllegalStateException("Reading " + address.label(topic) + " took longer than " + timeout);
                }
            }
        }
        return found;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, Optional<Integer> only) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .filter(part -> only.isEmpty() || only.get() == part.partition())
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private KafkaConsumer<byte[], byte[]> open() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign and seek only: no group, no commits
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-reader");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
