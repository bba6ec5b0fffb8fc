package org.itpump.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.itpump.infra.Infrastructure;
import org.itpump.local.Platform;
import org.itpump.local.RestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's workloads on the running platform: the pathway hop (a trial decision to the implant case
 * committed), sustained decisions, a backlog of trial.passed drained by implant-service, and REST reads of a case.
 * Each writes its figures to the {@link Report}.
 */
final class Workloads {

    private static final ObjectMapper JSON = RestClient.JSON;
    private final Platform platform;
    private final Infrastructure infrastructure;
    private final RestClient rest;
    private final Report report;

    Workloads(Platform platform, Infrastructure infrastructure, Report report) {
        this.platform = platform;
        this.infrastructure = infrastructure;
        this.report = report;
        this.rest = new RestClient(platform.token("benchmark", "clinician", "nurse", "scheduler", "pharmacist", "ops"));
    }

    /** 1. Pathway hop latency, one decision at a time, and where the time goes (the services' own timestamps). */
    void hop(int trials, Path work) throws Exception {
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        report.line("");
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
                JsonNode decided = rest.call("POST", trialUrl + "/trials/" + trialId + "/decision", "{}");
                long answered = System.nanoTime();
                Instant answeredAt = Instant.now();
                String pathwayId = decided.path("pathwayId").asText();
                committed.setString(1, pathwayId);
                while (!exists(committed)) {
                    Thread.sleep(0, 200_000);
                }
                long visible = System.nanoTime();
                if (rest.call("GET", implantUrl + "/implant-cases?pathwayId=" + pathwayId, null).size() != 1) {
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
        report.line("pathway hop (decision answered -> case committed, then read over REST), %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                + "  (targets p50 < 10 ms, p99 < 40 ms)", trials, Report.pct(sorted, 50), Report.pct(sorted, 95), Report.pct(sorted, 99), sorted[sorted.length - 1]);
        Report.histogram(sorted, work.resolve("latency-histogram.png"));
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
    void hopBreakdown(Map<String, Instant> answeredAtByPathway) throws Exception {
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
        report.line("hop breakdown, medians over %d hops (p95 in brackets):", complete.size());
        report.line("  decision's outbox row written -> REST answer sent       %s", Report.spread(complete, 0, 4));
        report.line("  decision's outbox row written -> relay claims it        %s", Report.spread(complete, 0, 1));
        report.line("  relay claims it -> implant-service starts applying      %s  (Kafka produce, ack, fetch, hand-over)", Report.spread(complete, 1, 2));
        report.line("  implant-service applies it (inbox row -> case-opened)   %s", Report.spread(complete, 2, 3));
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** 2. Sustained decisions per second, 8 clients, and whether implant-service keeps up. */
    void sustained(int throughputTrials) throws Exception {
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
                rest.call("POST", trialUrl + "/trials/" + trialId + "/decision", "{}");
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
        report.line("sustained: %d decisions by 8 clients in %.1f s = %.0f decided/s; all cases open after %.1f s = %.0f cases/s; "
                        + "max lag seen %d; last case %.0f ms after the last decision", throughputTrials, decideSeconds,
                throughputTrials / decideSeconds, allCasesSeconds, throughputTrials / allCasesSeconds, maxLag.get(),
                (allCasesSeconds - decideSeconds) * 1000);

    }

    /** 3. A backlog of trial.passed events, drained by implant-service. */
    void backlog(int backlog, Ceilings.PgbenchResult shape1, Ceilings.PgbenchResult shape4) throws Exception {
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
                report.line("backlog: STALLED at %d of %d", opened, backlog);
                break;
            }
        }
        double drain = (System.nanoTime() - drainStart) / 1e9;
        double drainRate = opened / drain;
        report.line("backlog: %d trial.passed events drained in %.1f s = %.0f events/s; %.0f%% of pgbench's consumer shape at 1 client "
                + "(%.0f tps), %.0f%% at 4 clients (%.0f tps)  (target >= 40%%)", opened, drain, drainRate,
                100 * drainRate / shape1.tps(), shape1.tps(), 100 * drainRate / shape4.tps(), shape4.tps());

    }

    /** 4. REST reads of one case. */
    void reads(int seconds, double bare) throws Exception {
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        String pathwayId = rest.call("POST", trialUrl + "/trials/" + prepareTrials(1, true).get(0) + "/decision", "{}")
                .path("pathwayId").asText();
        String caseId = "";
        while (caseId.isEmpty()) {
            Thread.sleep(50);
            caseId = rest.call("GET", implantUrl + "/implant-cases?pathwayId=" + pathwayId, null).path(0).path("caseId").asText();
        }
        double reads = readRate(implantUrl + "/implant-cases/" + caseId, 4, seconds);
        report.line("case reads GET /implant-cases/{id}, 4 clients: %.0f req/s = %.0f%% of the bare endpoint (%.0f req/s)  (target >= 50%%)",
                reads, 100 * reads / bare, bare);
    }

    void produceTrialPassed(int n) throws Exception {
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

    List<String> prepareTrials(int n, boolean relieved) throws Exception {
        String trialUrl = platform.url("trial-service");
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        String run = Long.toString(System.nanoTime(), 36).toUpperCase();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                String candidate = rest.call("POST", trialUrl + "/candidates", "{\"patientRef\":\"BENCH-" + run + "-" + index
                        + "\",\"indication\":\"FAILED_BACK_SURGERY_SYNDROME\"}").path("candidateId").asText();
                rest.call("PUT", trialUrl + "/candidates/" + candidate + "/eligibility", "{\"documented\":[\"FAILED_CONSERVATIVE_THERAPY_DOCUMENTED\","
                        + "\"PSYCHOLOGICAL_EVALUATION_CLEARED\",\"NO_ACTIVE_INFECTION\",\"ANTICOAGULATION_PLAN\",\"INFORMED_CONSENT\"]}");
                String trial = rest.call("POST", trialUrl + "/trials", "{\"candidateId\":\"" + candidate + "\",\"trialType\":\"SINGLE_BOLUS\","
                        + "\"drug\":\"morphine\",\"dose\":0.3,\"doseUnit\":\"mg\",\"baselineNrs\":8}").path("trialId").asText();
                rest.call("POST", trialUrl + "/trials/" + trial + "/assessments", "{\"nrs\":" + (relieved ? 3 : 7)
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

    /** Requests per second of GETs of one URL by {@code clients} clients over {@code seconds}, after 3 s of warm-up. */
    double readRate(String url, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long warm = System.nanoTime() + 3_000_000_000L;
        long end = warm + seconds * 1_000_000_000L;
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    rest.call("GET", url, null);
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

    long count(String db, String sql) throws Exception {
        try (Connection c = infrastructure.postgres().connect("itpump_bench_" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
