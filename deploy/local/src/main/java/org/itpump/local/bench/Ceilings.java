package org.itpump.local.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.KafkaBroker;
import org.itpump.infra.PostgresServer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * What this machine can do at best, measured in the same run as the workloads: pgbench (a single-row commit and the
 * consumer's transaction shape), Kafka's own producer benchmark and a bare produce-to-consume round trip.
 */
final class Ceilings {

    private final Infrastructure infrastructure;
    private final Report report;

    Ceilings(Infrastructure infrastructure, Report report) {
        this.infrastructure = infrastructure;
        this.report = report;
    }

    /** The transaction a consumer commits per event: its state change, an outbox row, an inbox row. */
    static final String SHAPE = """
            update bench_case set status = 'x' where id = 1;
            insert into bench_outbox(id, topic, type, subject, payload) values (gen_random_uuid(), 'itpump.implant.events', 'implant.case-opened', gen_random_uuid()::text, '{"a":1}');
            insert into bench_inbox(consumer, event_id, event_type, received_at) values ('implant-service', gen_random_uuid()::text, 'trial.passed', now());
            insert into bench_row(v) values (1);
            """;

    record PgbenchResult(double tps) {
    }

    PgbenchResult pgbench(String label, String body, int clients, int seconds) throws Exception {
        PostgresServer pg = infrastructure.postgres();
        try (Connection c = pg.connect("itpump_bench_trial"); Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_row(id bigserial primary key, v int)");
            s.execute("create table if not exists bench_case(id int primary key, status text)");
            s.execute("insert into bench_case values (1, 'a') on conflict do nothing");
            s.execute("create table if not exists bench_outbox(position bigserial primary key, id uuid unique, topic text, type text, subject text, payload jsonb, published_at timestamptz)");
            s.execute("create table if not exists bench_inbox(consumer text, event_id text, event_type text, received_at timestamptz, primary key (consumer, event_id))");
        }
        Path script = Files.createTempFile("pgbench", ".sql");
        Files.writeString(script, "begin;\n" + body + "commit;\n");
        Process p = new ProcessBuilder("pgbench", "-n", "-h", pg.host(), "-p", String.valueOf(pg.port()), "-U", pg.user(),
                "-c", String.valueOf(clients), "-j", String.valueOf(Math.min(clients, 2)), "-T", String.valueOf(seconds),
                "-f", script.toString(), "itpump_bench_trial").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed: " + out);
        }
        double tps = out.lines().filter(l -> l.startsWith("tps")).findFirst()
                .map(l -> Double.parseDouble(l.replaceAll("tps = ([0-9.]+).*", "$1"))).orElse(Double.NaN);
        report.line("ceiling  pgbench %s (%d clients, embedded PG, synchronous_commit=off): %.0f tps", label, clients, tps);
        return new PgbenchResult(tps);
    }

    /**
     * Kafka's own producer benchmark, org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test.sh),
     * against the same broker with the relay's settings: acks=all, idempotent, one producer.
     */
    double producerRate(int records, int size) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process perf = new ProcessBuilder(java, "-Xmx256m", "-cp", KafkaBroker.brokerClasspath(),
                "org.apache.kafka.tools.ProducerPerformance", "--topic", "itpump.bench.perf",
                "--num-records", String.valueOf(records), "--record-size", String.valueOf(size), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + infrastructure.kafkaBootstrapServers(), "acks=all",
                "enable.idempotence=true").redirectErrorStream(true).start();
        String out = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!perf.waitFor(5, TimeUnit.MINUTES) || perf.exitValue() != 0) {
            throw new IllegalStateException("ProducerPerformance failed: " + out);
        }
        // the last line sums up: "200000 records sent, 41220.1 records/sec (20.13 MB/sec), ..."
        String summary = out.lines().filter(l -> l.contains(" records sent, ")).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("no summary from ProducerPerformance: " + out));
        return Double.parseDouble(summary.replaceAll(".* records sent, ([0-9.]+) records/sec.*", "$1"));
    }

    /**
     * The floor under any hop through Kafka here: a plain producer and a plain consumer, nothing else. The consumer
     * is assigned every partition of the topic and its position fixed at the end (seekToEnd, then position) before
     * the first record goes out: with subscribe and auto.offset.reset=latest, a record sent before the group's
     * position was fixed was never seen, and the loop waited for ever. Each record carries its sequence number, and
     * each wait ends at a deadline with a failure that says which record never came.
     */
    double[] kafkaRoundTrips(int n) throws Exception {
        String topic = "itpump.bench.ping";
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "500");
        double[] ms = new double[n];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "k", new byte[512])).get(30, TimeUnit.SECONDS); // the topic exists
            List<TopicPartition> partitions = producer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30))); // fixed now, before any send
            for (int i = 0; i < n + 20; i++) {
                byte[] value = new byte[512];
                ByteBuffer.wrap(value).putInt(i);
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", value));
                long deadline = sent + Duration.ofSeconds(30).toNanos();
                boolean seen = false;
                while (!seen) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka ceiling: record " + i + " not consumed within 30 s");
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        seen |= ByteBuffer.wrap(record.value()).getInt() == i;
                    }
                }
                if (i >= 20) {
                    ms[i - 20] = (System.nanoTime() - sent) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms;
    }
}
