package org.itpump.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaBrokerTest {

    @Test
    void keepsAcknowledgedRecordsAcrossAKill(@TempDir Path directory) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(directory)) {
            produce(broker, "before-kill");
            broker.kill();
            broker.restart();
            produce(broker, "after-restart");
            assertEquals(List.of("before-kill", "after-restart"), consumeAll(broker, 2));
        }
    }

    @Test
    void takesThePreferredPortWhenFreeAndAnotherWhenTaken() throws Exception {
        int free = KafkaBroker.freePort();
        assertEquals(free, KafkaBroker.portOrFree(free), "a free preferred port is taken as it is");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int other = KafkaBroker.portOrFree(taken.getLocalPort());
            org.junit.jupiter.api.Assertions.assertNotEquals(taken.getLocalPort(), other, "a port in use is not taken");
            org.junit.jupiter.api.Assertions.assertTrue(other > 0);
        }
    }

    private static void produce(KafkaBroker broker, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("probe", "one-key", value)).get();
        }
    }

    private static List<String> consumeAll(KafkaBroker broker, int expected) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("probe"));
            List<String> values = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach((ConsumerRecord<String, String> r) -> values.add(r.value()));
            }
            return values;
        }
    }
}
