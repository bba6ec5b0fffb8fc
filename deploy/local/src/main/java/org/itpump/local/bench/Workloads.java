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

    /** How long any one wait of the benchmark may take before it fails the run, naming what it waited for. */
    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(60);

    /**
     * 1. Pathway hop latency, one decision at a time, from two start points: the decision's commit (trial-service's
     * trial.passed outbox row) to the case's commit (implant-service's implant_case row), both heard by
     * LISTEN/NOTIFY ({@link CommitListener}); and the decision's REST answer to the case's commit. A REST read then
     * confirms the case (not timed: every read is audited, and polling over REST would load the machine it measures).
     */
    void hop(int trials, Path work) throws Exception {
        String trialUrl = platform.url("trial-service"), implantUrl = platform.url("implant-service");
        report.line("");
        List<String> ready = prepareTrials(trials + 20, true);
        double[] fromAnswer = new double[trials];
        double[] fromCommit = new double[trials];
        Map<String, Instant> answeredAtByPathway = new HashMap<>();
        try (CommitListener decisions = new CommitListener(infrastructure.postgres(), "itpump_bench_trial", "outbox_event",
                "subject", "new.type = 'trial.passed'");
             CommitListener cases = new CommitListener(infrastructure.postgres(), "itpump_bench_implant", "implant_case",
                     "pathway_id", "true")) {
            for (int i = 0; i < trials + 20; i++) {
                String trialId = ready.get(i);
                JsonNode decided = rest.call("POST", trialUrl + "/trials/" + trialId + "/decision", "{}");
                long answered = System.nanoTime();
                Instant answeredAt = Instant.now();
                String pathwayId = decided.path("pathwayId").asText();
                long decisionCommitted = decisions.awaitCommit(pathwayId, WAIT);
                long caseCommitted = cases.awaitCommit(pathwayId, WAIT);
                decisions.forget(pathwayId);
                cases.forget(pathwayId);
                if (rest.call("GET", implantUrl + "/implant-cases?pathwayId=" + pathwayId, null).size() != 1) {
                    throw new IllegalStateException("case of pathway " + pathwayId + " committed but not readable over REST");
                }
                if (i >= 20) { // the first 20 warm up
                    fromAnswer[i - 20] = (caseCommitted - answered) / 1e6;
                    fromCommit[i - 20] = (caseCommitted - decisionCommitted) / 1e6;
                    answeredAtByPathway.put(pathwayId, answeredAt);
                }
            }
        }
        double[] sorted = fromCommit.clone();
        Arrays.sort(sorted);
        report.line("pathway hop (decision committed -> case committed, LISTEN/NOTIFY), %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                trials, Report.pct(sorted, 50), Report.pct(sorted, 95), Report.pct(sorted, 99), sorted[sorted.length - 1]);
        hopCeilingRatio("decision committed", sorted);
        double[] sortedAnswer = fromAnswer.clone();
        Arrays.sort(sortedAnswer);
        report.line("pathway hop (decision's REST answer -> case committed, then read over REST), %d trials: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms",
                trials, Report.pct(sortedAnswer, 50), Report.pct(sortedAnswer, 95), Report.pct(sortedAnswer, 99),
                sortedAnswer[sortedAnswer.length - 1]);
        hopCeilingRatio("REST answer", sortedAnswer);
        Report.histogram(sortedAnswer, work.resolve("latency-histogram.png"));
        Files.writeString(work.resolve("latencies-ms.txt"), "# from decision committed, from REST answer (ms)\n"
                + String.join("\n", java.util.stream.IntStream.range(0, trials)
                .mapToObj(i -> String.format(Locale.ROOT, "%.3f %.3f", fromCommit[i], fromAnswer[i])).toList()) + "\n");
        hopBreakdown(answeredAtByPathway);
    }

    private double[] kafkaAlone;

    /** The Kafka-alone round trips measured earlier in the same run (sorted, ms), the hop's ceiling. */
    void kafkaAlone(double[] sortedMillis) {
        this.kafkaAlone = sortedMillis;
    }

    private void hopCeilingRatio(String from, double[] sorted) {
        if (kafkaAlone != null) {
            report.line("  from %s: p50 %.1fx, p99 %.1fx Kafka alone (targets <= 3x, <= 1.5x)", from,
                    Report.pct(sorted, 50) / Report.pct(kafkaAlone, 50), Report.pct(sorted, 99) / Report.pct(kafkaAlone, 99));
        }
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
        long decideDeadline = System.nanoTime() + WAIT.toNanos() + throughputTrials * 100_000_000L;
        while (!futures.stream().allMatch(Future::isDone)) {
            if (System.nanoTime() > decideDeadline) {
                pool.shutdownNow();
                throw new IllegalStateException("sustained: decisions not all answered by the deadline");
            }
            Thread.sleep(250);
            maxLag.accumulateAndGet(decided.get() - (count("implant", "select count(*) from implant_case") - casesBefore), Math::max);
        }
        for (Future<?> future : futures) {
            // a failed decision stops the run here, rather than a wait for a case that never comes
            future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        double decideSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + WAIT.toNanos();
        long open;
        while ((open = count("implant", "select count(*) from implant_case") - casesBefore) < throughputTrials) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sustained: only " + open + " of " + throughputTrials
                        + " cases open " + WAIT + " after the last decision");
            }
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
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (caseId.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reads: the case of pathway " + pathwayId + " not readable within " + WAIT);
            }
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
        try {
            for (Future<?> f : futures) {
                f.get(WAIT.toSeconds() + n / 10, TimeUnit.SECONDS); // about 25 trials/s here; a stuck call fails the run
            }
        } finally {
            pool.shutdownNow();
        }
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
        if (!pool.awaitTermination(seconds + WAIT.toSeconds(), TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("reads of " + url + " still running " + WAIT + " after their end");
        }
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
