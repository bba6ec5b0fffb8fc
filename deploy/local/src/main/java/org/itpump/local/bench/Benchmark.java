package org.itpump.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.itpump.infra.Infrastructure;
import org.itpump.infra.KafkaBroker;
import org.itpump.infra.PostgresServer;
import org.itpump.local.Platform;
import org.itpump.local.ServiceProcess;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (issue 6): pathway hop latency (trial decision's REST answer -> implant case committed, then read over REST),
 * sustained decisions per second, a backlog of trial.passed events drained by implant-service, REST reads of a
 * case; beside the ceilings on the same machine in the same run: pgbench (single-row commit and the consumer's
 * transaction shape), a Kafka producer on the same broker, and the bare Quarkus /q/health/live endpoint.
 * Writes deploy/local/target/bench/results.txt and latency-histogram.png.
 *
 * <pre>deploy/local/benchmark.sh [--trials 1000] [--throughput-trials 1000] [--backlog 50000] [--seconds 20]
 *     [--phases startup,hop,sustained,backlog,reads]</pre>
 */
public final class Benchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Platform platform;
    private final Infrastructure infrastructure;
    private final String token;
    private final StringBuilder report = new StringBuilder();

    private Benchmark(Platform platform, Infrastructure infrastructure) {
        this.platform = platform;
        this.infrastructure = infrastructure;
        this.token = platform.token("benchmark", "clinician", "nurse", "scheduler", "pharmacist", "ops");
    }

    public static void main(String[] args) throws Exception {
        int trials = option(args, "--trials", 1000);
        int throughputTrials = option(args, "--throughput-trials", 1000);
        int backlog = option(args, "--backlog", 50000);
        int seconds = option(args, "--seconds", 20);
        Set<String> phases = Set.of(textOption(args, "--phases", "startup,hop,sustained,backlog,reads").split(","));
        Path root = Path.of(System.getProperty("itpump.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("deploy/local/target/bench");
        Files.createDirectories(work);
        Infrastructure infrastructure = Infrastructure.start(work.resolve("kafka"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        Platform.SERVICES.keySet().forEach(service -> ports.put(service, freePort()));
        long t0 = System.nanoTime();
        Platform platform = Platform.start(infrastructure, root, work.resolve("logs"), "itpump_bench", true, ports,
                Map.of("itpump.timers.poll-interval", "1h"), line -> { });
        // Ctrl-C or kill: stop the services, the broker and PostgreSQL too, or they would load the next run.
        Thread cleanup = new Thread(() -> {
            platform.close();
            infrastructure.close();
        }, "benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        int exit = 1;
        try {
            Benchmark bench = new Benchmark(platform, infrastructure);
            bench.line("# itpump benchmark %s", OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
            bench.line("machine: %d cores, %s, %s; %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                    memTotal(), infrastructure.describe());
            bench.line("platform (4 services) up in %.1f s", (System.nanoTime() - t0) / 1e9);
            bench.startupAndRss(work.resolve("logs"), ports, "all four starting together on 2 cores");
            if (phases.contains("startup")) {
                bench.startAloneAndRss(work.resolve("logs"), ports);
            }
            bench.run(trials, throughputTrials, backlog, seconds, work, phases);
            Files.writeString(work.resolve("results.txt"), bench.report);
            exit = 0;
        } catch (Throwable e) {
            e.printStackTrace();
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
            platform.close();
            infrastructure.close();
            System.exit(exit);
        }
    }

    private void run(int trials, int throughputTrials, int backlog, int seconds, Path work, Set<String> phases)
            throws Exception {
        if (Set.of("startup").containsAll(phases)) {
            return;
        }
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        // Ceilings first, on a quiet platform.
        double bare = readRate(platform.managementUrl("implant-service") + "/q/health/live", 4, seconds);
        line("ceiling  bare Quarkus GET /q/health/live (implant-service, 4 clients): %.0f req/s", bare);
        PgbenchResult single = pgbench("single-row commit", "insert into bench_row(v) values (1);", 4, seconds);
        PgbenchResult shape1 = pgbench("consumer shape, 1 client", SHAPE, 1, seconds);
        PgbenchResult shape4 = pgbench("consumer shape, 4 clients", SHAPE, 4, seconds);
        double produce = producerRate(200_000, 512);
        line("ceiling  Kafka's ProducerPerformance on the same broker (acks=all, idempotent, 512 B records): %.0f records/s",
                produce);
        double[] kafkaHop = kafkaRoundTrips(300);
        line("ceiling  Kafka alone, produce (acks=all) -> a waiting consumer has it, one record at a time: p50 %.2f ms, "
                + "p99 %.2f ms", pct(kafkaHop, 50), pct(kafkaHop, 99));

        if (phases.contains("hop")) {
            hop(trials, work);
        }
        if (phases.contains("sustained")) {
            sustained(throughputTrials);
        }
        if (phases.contains("backlog")) {
            backlog(backlog, shape1, shape4);
        }
        if (phases.contains("reads")) {
            reads(seconds, bare);
        }
        line("single-row commit (pgbench, 4 clients): %.0f tps; Kafka produce %.0f records/s", single.tps, produce);
    }

    /** 1. Pathway hop latency, one decision at a time, and where the time goes (the services' own timestamps). */
    private void hop(int trials, Path work) throws Exception {
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        line("");
        List<String> ready = prepareTrials(trials + 20, true);
        double[] latencies = new double[trials];
        Map<String, Instant> answeredAtByPathway = new HashMap<>();
        // "Visible" = committed in implant-service's database, polled by JDBC every 0.2 ms; a REST read then
        // confirms it. Polling over REST would write an audit record per read and load the machine it measures.
        try (Connection implantDb = infrastructure.postgres().connect("itpump_bench_implant");
             PreparedStatement committed = implantDb.prepareStatement(
                     "select exists (select 1 from implant_case where pathway_id = cast(? as uuid))")) {
            for (int i = 0; i < trials + 20; i++) {
                String trialId = ready.get(i);
                JsonNode decided = send("POST", trialUrl + "/trials/" + trialId + "/decision", "{}");
                long answered = System.nanoTime();
                Instant answeredAt = Instant.now();
                String pathwayId = decided.path("pathwayId").asText();
                committed.setString(1, pathwayId);
                while (!exists(committed)) {
                    Thread.sleep(0, 200_000);
                }
                long visible = System.nanoTime();
                if (send("GET", implantUrl + "/implant-cases?pathwayId=" + pathwayId, null).size() != 1) {
                    throw new IllegalStateException("case of pathway " + pathwayId + " committed but not readable over REST");
                }
                if (i >= 20) { // the first 20 warm up
                    latencies[i - 20] = (visible - answered) / 1e6;
                    answeredAtByPathway.put(pathwayId, answeredAt);
                }
            }
        }
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        line("pathway hop (decision answered -> case committed, then read over REST), %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                + "  (targets p50 < 10 ms, p99 < 40 ms)", trials, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1]);
        histogram(sorted, work.resolve("latency-histogram.png"));
        Files.writeString(work.resolve("latencies-ms.txt"), String.join("\n", Arrays.stream(latencies)
                .mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).toList()) + "\n");
        hopBreakdown(answeredAtByPathway);
    }

    /**
     * Splits each hop with the timestamps the services wrote: the decision's outbox row (occurred_at, Java clock,
     * before commit; published_at, PostgreSQL's now() when the relay claimed it, after NOTIFY), implant-service's
     * inbox row (received_at, when the consumer began applying it) and its case-opened outbox row (occurred_at,
     * the handler's end, before commit). One machine, one clock.
     */
    private void hopBreakdown(Map<String, Instant> answeredAtByPathway) throws Exception {
        Map<String, Instant[]> decision = new HashMap<>();
        Map<String, String> eventByPathway = new HashMap<>();
        try (Connection c = infrastructure.postgres().connect("itpump_bench_trial"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id::text, subject, occurred_at, published_at from outbox_event where type = 'trial.passed'")) {
            while (rs.next()) {
                eventByPathway.put(rs.getString(2), rs.getString(1));
                if (answeredAtByPathway.containsKey(rs.getString(2))) {
                    decision.put(rs.getString(1), new Instant[]{rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(),
                            null, null, answeredAtByPathway.get(rs.getString(2))});
                }
            }
        }
        try (Connection c = infrastructure.postgres().connect("itpump_bench_implant"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select event_id, received_at from inbox_event where event_type = 'trial.passed'")) {
                while (rs.next()) {
                    Instant[] t = decision.get(rs.getString(1));
                    if (t != null) {
                        t[2] = rs.getTimestamp(2).toInstant();
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select subject, occurred_at from outbox_event where type = 'implant.case-opened'")) {
                while (rs.next()) {
                    Instant[] t = decision.get(eventByPathway.get(rs.getString(1)));
                    if (t != null) {
                        t[3] = rs.getTimestamp(2).toInstant();
                    }
                }
            }
        }
        List<Instant[]> complete = decision.values().stream().filter(t -> t[2] != null && t[3] != null).toList();
        line("hop breakdown, medians over %d hops (p95 in brackets):", complete.size());
        line("  decision's outbox row written -> REST answer sent       %s", spread(complete, 0, 4));
        line("  decision's outbox row written -> relay claims it        %s", spread(complete, 0, 1));
        line("  relay claims it -> implant-service starts applying      %s  (Kafka produce, ack, fetch, hand-over)", spread(complete, 1, 2));
        line("  implant-service applies it (inbox row -> case-opened)   %s", spread(complete, 2, 3));
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static String spread(List<Instant[]> hops, int from, int to) {
        double[] ms = hops.stream().mapToDouble(t -> Duration.between(t[from], t[to]).toNanos() / 1e6).sorted().toArray();
        return ms.length == 0 ? "-" : String.format(Locale.ROOT, "%6.2f ms (%6.2f)", pct(ms, 50), pct(ms, 95));
    }

    /** 2. Sustained decisions per second, 8 clients, and whether implant-service keeps up. */
    private void sustained(int throughputTrials) throws Exception {
        String trialUrl = platform.url("trial-service");

        List<String> batch = prepareTrials(throughputTrials, true);
        long casesBefore = count("implant", "select count(*) from implant_case");
        AtomicLong maxLag = new AtomicLong();
        AtomicLong decided = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (String trialId : batch) {
            futures.add(pool.submit(() -> {
                send("POST", trialUrl + "/trials/" + trialId + "/decision", "{}");
                decided.incrementAndGet();
                return null;
            }));
        }
        while (!futures.stream().allMatch(Future::isDone)) {
            Thread.sleep(250);
            maxLag.accumulateAndGet(decided.get() - (count("implant", "select count(*) from implant_case") - casesBefore), Math::max);
        }
        for (Future<?> future : futures) {
            future.get(); // a failed decision stops the run here, rather than a wait for a case that never comes
        }
        double decideSeconds = (System.nanoTime() - start) / 1e9;
        while (count("implant", "select count(*) from implant_case") - casesBefore < throughputTrials) {
            Thread.sleep(20);
        }
        double allCasesSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        line("sustained: %d decisions by 8 clients in %.1f s = %.0f decided/s; all cases open after %.1f s = %.0f cases/s; "
                        + "max lag seen %d; last case %.0f ms after the last decision", throughputTrials, decideSeconds,
                throughputTrials / decideSeconds, allCasesSeconds, throughputTrials / allCasesSeconds, maxLag.get(),
                (allCasesSeconds - decideSeconds) * 1000);

    }

    /** 3. A backlog of trial.passed events, drained by implant-service. */
    private void backlog(int backlog, PgbenchResult shape1, PgbenchResult shape4) throws Exception {
        long before = count("implant", "select count(*) from implant_case");
        produceTrialPassed(backlog);
        long drainStart = System.nanoTime();
        long opened;
        long lastProgress = System.nanoTime();
        long lastCount = before;
        while ((opened = count("implant", "select count(*) from implant_case") - before) < backlog) {
            Thread.sleep(200);
            if (opened + before != lastCount) {
                lastCount = opened + before;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > 60_000_000_000L) {
                line("backlog: STALLED at %d of %d", opened, backlog);
                break;
            }
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        double drainRate = opened / drain;
        line("backlog: %d trial.passed events drained in %.1f s = %.0f events/s; %.0f%% of pgbench's consumer shape at 1 client "
                + "(%.0f tps), %.0f%% at 4 clients (%.0f tps)  (target >= 40%%)", opened, drain, drainRate,
                100 * drainRate / shape1.tps, shape1.tps, 100 * drainRate / shape4.tps, shape4.tps);

    }

    /** 4. REST reads of one case. */
    private void reads(int seconds, double bare) throws Exception {
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        String pathwayId = send("POST", trialUrl + "/trials/" + prepareTrials(1, true).get(0) + "/decision", "{}")
                .path("pathwayId").asText();
        String caseId = "";
        while (caseId.isEmpty()) {
            Thread.sleep(50);
            caseId = send("GET", implantUrl + "/implant-cases?pathwayId=" + pathwayId, null).path(0).path("caseId").asText();
        }
        double reads = readRate(implantUrl + "/implant-cases/" + caseId, 4, seconds);
        line("case reads GET /implant-cases/{id}, 4 clients: %.0f req/s = %.0f%% of the bare endpoint (%.0f req/s)  (target >= 50%%)",
                reads, 100 * reads / bare, bare);
    }

    private static final String SHAPE = """
            update bench_case set status = 'x' where id = 1;
            insert into bench_outbox(id, topic, type, subject, payload) values (gen_random_uuid(), 'itpump.implant.events', 'implant.case-opened', gen_random_uuid()::text, '{"a":1}');
            insert into bench_inbox(consumer, event_id, event_type, received_at) values ('implant-service', gen_random_uuid()::text, 'trial.passed', now());
            insert into bench_row(v) values (1);
            """;

    record PgbenchResult(double tps) {
    }

    private PgbenchResult pgbench(String label, String body, int clients, int seconds) throws Exception {
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
        line("ceiling  pgbench %s (%d clients, embedded PG, synchronous_commit=off): %.0f tps", label, clients, tps);
        return new PgbenchResult(tps);
    }

    /**
     * Kafka's own producer benchmark, org.apache.kafka.tools.ProducerPerformance (kafka-producer-perf-test.sh),
     * against the same broker with the relay's settings: acks=all, idempotent, one producer.
     */
    private double producerRate(int records, int size) throws Exception {
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

    /** The floor under any hop through Kafka here: a plain producer and a plain consumer, nothing else. */
    private double[] kafkaRoundTrips(int n) throws Exception {
        String topic = "itpump.bench.ping";
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-ping-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        double[] ms = new double[n];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "k", new byte[512])).get(); // the topic exists
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            for (int i = 0; i < n + 20; i++) {
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "k", new byte[512]));
                while (consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                    // waiting for the record
                }
                if (i >= 20) {
                    ms[i - 20] = (System.nanoTime() - sent) / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    private void produceTrialPassed(int n) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            String decidedAt = OffsetDateTime.now(ZoneOffset.UTC).toString();
            for (int i = 0; i < n; i++) {
                String pathway = UUID.randomUUID().toString();
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("pathwayId", pathway);
                payload.put("patientRef", "BENCH-" + i);
                payload.put("trialId", UUID.randomUUID().toString());
                payload.put("baselineNrs", 8);
                payload.put("meanAssessedNrs", 3.0);
                payload.put("reliefPercent", 62.5);
                payload.put("thresholdPercent", 50);
                payload.put("assessmentCount", 1);
                payload.put("decidedAt", decidedAt);
                payload.put("indication", "FAILED_BACK_SURGERY_SYNDROME");
                payload.put("trialType", "SINGLE_BOLUS");
                payload.put("drug", "morphine");
                payload.put("dose", 0.3);
                payload.put("doseUnit", "mg");
                ProducerRecord<String, byte[]> record = new ProducerRecord<>("itpump.trial.events", pathway, JSON.writeValueAsBytes(payload));
                // ce_source is the topic's owner: consumers refuse any other
                record.headers().add("ce_specversion", b("1.0")).add("ce_id", b(UUID.randomUUID().toString()))
                        .add("ce_type", b("trial.passed")).add("ce_source", b("urn:itpump:trial-service")).add("ce_subject", b(pathway))
                        .add("ce_time", b(decidedAt)).add("content-type", b("application/json"));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private List<String> prepareTrials(int n, boolean relieved) throws Exception {
        String trialUrl = platform.url("trial-service");
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String run = Long.toString(System.nanoTime(), 36).toUpperCase();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                String candidate = send("POST", trialUrl + "/candidates", "{\"patientRef\":\"BENCH-" + run + "-" + index
                        + "\",\"indication\":\"FAILED_BACK_SURGERY_SYNDROME\"}").path("candidateId").asText();
                send("PUT", trialUrl + "/candidates/" + candidate + "/eligibility", "{\"documented\":[\"FAILED_CONSERVATIVE_THERAPY_DOCUMENTED\","
                        + "\"PSYCHOLOGICAL_EVALUATION_CLEARED\",\"NO_ACTIVE_INFECTION\",\"ANTICOAGULATION_PLAN\",\"INFORMED_CONSENT\"]}");
                String trial = send("POST", trialUrl + "/trials", "{\"candidateId\":\"" + candidate + "\",\"trialType\":\"SINGLE_BOLUS\","
                        + "\"drug\":\"morphine\",\"dose\":0.3,\"doseUnit\":\"mg\",\"baselineNrs\":8}").path("trialId").asText();
                send("POST", trialUrl + "/trials/" + trial + "/assessments", "{\"nrs\":" + (relieved ? 3 : 7)
                        + ",\"minutesSinceDose\":120,\"oralMmePerDay\":60}");
                ids.add(trial);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return new ArrayList<>(ids);
    }

    private double readRate(String url, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    send("GET", url, null);
                    if (System.nanoTime() > warm) {
                        done.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return done.get() / (double) seconds;
    }

    /** Each service restarted alone (the others idle), as a pod starts on a node of its own. */
    private void startAloneAndRss(Path logs, Map<String, Integer> ports) throws Exception {
        for (String service : ports.keySet()) {
            Thread.sleep(3000); // let the previous one settle
            platform.crashAndRestart(service);
            Thread.sleep(1000);
            startupAndRss(logs, Map.of(service, ports.get(service)), "alone");
        }
    }

    private void startupAndRss(Path logs, Map<String, Integer> ports, String how) throws Exception {
        for (String service : ports.keySet()) {
            String started = Files.readAllLines(logs.resolve(service + ".log")).stream().filter(l -> l.contains("started in"))
                    .findFirst().map(l -> l.replaceAll(".*started in ([0-9.]+s).*", "$1")).orElse("?");
            Process ps = new ProcessBuilder("sh", "-c", "ps -eo rss,args | grep -- '-Dquarkus.http.port=" + ports.get(service)
                    + " ' | grep -v grep | awk '{print $1}'").start();
            String rss = new String(ps.getInputStream().readAllBytes()).trim();
            line("%-17s started in %s (Quarkus' own figure, %s; target < 2 s), RSS %s MB after start (target < 200 MB; %s)",
                    service, started, how, rss.isEmpty() ? "?" : String.valueOf(Long.parseLong(rss.split("\\s+")[0]) / 1024),
                    ServiceProcess.JVM_OPTIONS);
        }
    }

    private JsonNode send(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    private long count(String db, String sql) throws Exception {
        try (Connection c = infrastructure.postgres().connect("itpump_bench_" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A latency histogram drawn with Java2D (no plotting library on the machine). */
    private static void histogram(double[] sorted, Path file) throws IOException {
        int w = 900, h = 500, left = 70, bottom = 60, top = 50, right = 30;
        double max = pct(sorted, 99.5) * 1.1;
        int bins = 60;
        int[] counts = new int[bins];
        for (double v : sorted) {
            counts[Math.min(bins - 1, (int) (v / max * bins))]++;
        }
        int peak = Arrays.stream(counts).max().orElse(1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int plotW = w - left - right, plotH = h - top - bottom;
        g.setColor(new Color(70, 110, 180));
        for (int i = 0; i < bins; i++) {
            int bh = (int) ((double) counts[i] / peak * plotH);
            g.fillRect(left + i * plotW / bins + 1, top + plotH - bh, plotW / bins - 2, bh);
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        for (int t = 0; t <= 5; t++) {
            double v = max * t / 5;
            int x = left + (int) (plotW * t / 5.0);
            g.drawString(String.format(Locale.ROOT, "%.0f", v), x - 8, top + plotH + 18);
            int y = top + plotH - plotH * t / 5;
            g.drawString(String.valueOf(peak * t / 5), left - 40, y + 4);
        }
        g.drawString("ms from the decision's REST answer to the implant case committed (read over REST after)", left + 180, h - 15);
        g.drawString("trials", 15, top - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(String.format(Locale.ROOT, "Pathway hop latency, %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
                sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99)), left, 25);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        Color[] colors = {new Color(0, 140, 0), new Color(200, 120, 0), new Color(200, 0, 0)};
        double[] ps = {50, 95, 99};
        for (int i = 0; i < 3; i++) {
            int x = left + (int) (pct(sorted, ps[i]) / max * plotW);
            g.setColor(colors[i]);
            g.drawLine(x, top, x, top + plotH);
            g.drawString("p" + (int) ps[i], x + 3, top + 15 + 15 * i);
        }
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.replaceAll(".*:\\s*", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("MemTotal:\\s*", "RAM ");
        } catch (IOException e) {
            return "?";
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String textOption(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
