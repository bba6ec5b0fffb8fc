package org.itpump.local.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PoisonCorpus;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.itpump.local.Platform;
import org.itpump.local.RestClient;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Properties;
import java.util.UUID;

/**
 * Bad input: a generated corpus of malformed REST bodies for every write endpoint (each field missing, each field
 * of the wrong type, out-of-range scores and doses, broken JSON, huge payloads, wrong content types), each of
 * which must get a 4xx application/problem+json, never a 5xx; and, for every consumer of every consumed topic,
 * the {@link PoisonCorpus} (every CloudEvents header broken each way it can be, key / subject / payload
 * disagreements, broken payloads, and valid variants a tolerant reader applies): each poison variant must reach
 * that consumer's dead-letter topic with its reason, no valid one may.
 */
final class BadInput {

    record Result(int restSent, int rest5xx, int restNotProblem, int restAccepted, int restAcceptedByDesign, int restNoAnswer,
                  int eventsSent, int deadLetterExpected,
                  int deadLettered, int deadLetterNoReason) {
    }

    /** Consumers of each consumed topic, and the dead-letter topic of each. */
    static final Map<String, List<String>> CONSUMERS = Map.of(
            "itpump.trial.events", List.of("itpump.implant-service.dlq", "itpump.dosing-service.dlq"),
            "itpump.implant.events", List.of("itpump.dosing-service.dlq", "itpump.followup-service.dlq"));

    private final Platform platform;
    private final RetryingClient api;
    private final String bootstrap;
    private final RestClient http;
    private int sent, serverErrors, notProblem, accepted, acceptedByDesign, noAnswer;

    /** Bodies of the corpus that are valid input on purpose, with the reason; listed, not counted as accepted. */
    private static final Map<String, String> ACCEPTED_BY_DESIGN = Map.of(
            "POST /trials [drug = \"unobtainium\"]",
            "trial-service does not own the drug library; dosing-service answers trial.started with "
                    + "dosing.trial-dose-checked naming the drug as not in the library (a HARD finding: trial-service "
                    + "holds the trial until a clinician's override)");
    private final List<String> findings = new ArrayList<>();

    BadInput(Platform platform, RetryingClient api, String bootstrap) {
        this.platform = platform;
        this.api = api;
        this.bootstrap = bootstrap;
        this.http = new RestClient(platform.token("fault-suite", "clinician", "nurse", "scheduler", "pharmacist", "ops"));
    }

    Result run(PrintStream out) {
        // Real resources to aim at: one patient through the whole pathway, one trial left undecided.
        PatientDriver driver = new PatientDriver(platform, api, "BAD-" + System.nanoTime(), 1);
        PatientDriver.Patient p = new PatientDriver.Patient(-1, "FAULT-BAD-INPUT-" + System.nanoTime() % 100000, true);
        driver.drive(p);
        if (p.planId == null) {
            throw new IllegalStateException("bad-input fixture patient did not reach monitoring: " + p.error);
        }
        String candidate = api.post(url("trial-service", "/candidates"), Map.of("patientRef", "FAULT-BAD-OPEN",
                "indication", "FAILED_BACK_SURGERY_SYNDROME")).body().path("candidateId").asText();
        api.put(url("trial-service", "/candidates/" + candidate + "/eligibility"), Map.of("documented", List.of(
                "FAILED_CONSERVATIVE_THERAPY_DOCUMENTED", "PSYCHOLOGICAL_EVALUATION_CLEARED", "NO_ACTIVE_INFECTION",
                "ANTICOAGULATION_PLAN", "INFORMED_CONSENT")));
        String openTrial = api.post(url("trial-service", "/trials"), Map.of("candidateId", candidate, "trialType", "SINGLE_BOLUS",
                "drug", "morphine", "dose", 0.3, "doseUnit", "mg", "baselineNrs", 8)).body().path("trialId").asText();
        String now = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString();

        corpus("POST", url("trial-service", "/candidates"), obj(Map.of("patientRef", "FAULT-X1", "indication", "FAILED_BACK_SURGERY_SYNDROME")),
                Map.of("patientRef", List.of("", "x".repeat(300), "Jane Doe <script>"), "indication", List.of("NOPE", "")), true);
        corpus("PUT", url("trial-service", "/candidates/" + candidate + "/eligibility"),
                obj(Map.of("documented", List.of("INFORMED_CONSENT"))), Map.of("documented", List.of(List.of("NOPE"))), false);
        corpus("POST", url("trial-service", "/trials"), obj(Map.of("candidateId", candidate, "trialType", "SINGLE_BOLUS",
                        "drug", "morphine", "dose", 0.3, "doseUnit", "mg", "baselineNrs", 8)),
                Map.of("baselineNrs", List.of(-1, 11, 1000, 7.5), "dose", List.of(-1, 0, 1e9, -0.0001), "doseUnit", List.of("kg", ""),
                        "trialType", List.of("NOPE"), "drug", List.of("", "unobtainium"), "candidateId", List.of("not-a-uuid",
                                UUID.randomUUID().toString())), true);
        corpus("POST", url("trial-service", "/trials/" + openTrial + "/assessments"),
                obj(Map.of("nrs", 4, "minutesSinceDose", 120, "oralMmePerDay", 60)),
                Map.of("nrs", List.of(-1, 11, 99, 4.5), "minutesSinceDose", List.of(-1, -100000), "oralMmePerDay", List.of(-5, 1e12)), false);
        String kase = url("implant-service", "/implant-cases/" + p.caseId);
        corpus("POST", kase + "/booking", obj(Map.of("operatingRoomId", UUID.randomUUID().toString(), "surgeonId",
                        UUID.randomUUID().toString(), "start", now, "durationMinutes", 120)),
                Map.of("durationMinutes", List.of(-1, 0, 100000), "start", List.of("not-a-date", "2026-13-45T99:00:00Z"),
                        "operatingRoomId", List.of("not-a-uuid")), false);
        corpus("PUT", kase + "/pre-op-checklist", obj(Map.of("confirmed", List.of("CONSENT_SIGNED"))),
                Map.of("confirmed", List.of(List.of("NOPE"), List.of(1, 2))), false);
        corpus("POST", kase + "/completion", obj(Map.of("catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10",
                        "pumpPocketSide", "RIGHT", "anesthesia", "SEDATION", "startedAt", now, "endedAt", now,
                        "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II", "serialNumber", "X", "reservoirVolumeMl", 20))),
                Map.of("catheterEntryLevel", List.of("Z9", ""), "pumpPocketSide", List.of("UP"), "anesthesia", List.of("NOPE"),
                        "endedAt", List.of("yesterday"), "device", List.of(Map.of("reservoirVolumeMl", -20))), false);
        corpus("POST", url("dosing-service", "/pump-therapies/" + p.therapyId + "/programs"), obj(Map.of("drug", "morphine",
                        "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "dailyDose", 0.4, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS")),
                Map.of("dailyDose", List.of(-1, 0, 1e6, 1e300), "concentrationPerMl", List.of(-10, 0, 1e9), "mode", List.of("NOPE"),
                        "drug", List.of("", "unobtainium"), "dailyDoseUnit", List.of("", "mL/d", "mg/h"),
                        "concentrationUnit", List.of("mg/d", "IU/mL")), false);
        corpus("POST", url("followup-service", "/monitoring-plans/" + p.planId + "/complications"), obj(Map.of(
                        "kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "SEVERE", "features", List.of("NEW_WEAKNESS"), "onsetAt", now)),
                Map.of("kind", List.of("NOPE"), "severity", List.of("APOCALYPTIC"), "features", List.of(List.of("NOPE")),
                        "onsetAt", List.of("soon")), false);
        corpus("POST", url("implant-service", "/operating-rooms"), obj(Map.of("name", "Theatre X")),
                Map.of("name", List.of("", "x".repeat(10000))), false);
        out.printf("  REST: %d malformed bodies, %d answered 5xx, %d 4xx without problem+json, %d accepted (%d by design), "
                + "%d no answer%n", sent, serverErrors, notProblem, accepted, acceptedByDesign, noAnswer);
        findings.stream().limit(40).forEach(f -> out.println("    " + f));
        if (findings.size() > 40) {
            out.println("    ... " + (findings.size() - 40) + " more");
        }
        int[] events = poisonEvents(out);
        return new Result(sent, serverErrors, notProblem, accepted, acceptedByDesign, noAnswer, events[0], events[1], events[2], events[3]);
    }

    /** Each field missing, each field of the wrong type, each listed out-of-range value, broken bodies, content types. */
    private void corpus(String method, String url, ObjectNode valid, Map<String, List<Object>> outOfRange, boolean huge) {
        List<String> fields = new ArrayList<>();
        valid.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            send(method, url, "application/json", missing.toString(), "missing " + field);
            ObjectNode nulled = valid.deepCopy();
            nulled.putNull(field);
            send(method, url, "application/json", nulled.toString(), field + " null");
            for (Object wrong : wrongTypes(valid.get(field))) {
                ObjectNode typed = valid.deepCopy();
                typed.set(field, RetryingClient.JSON.valueToTree(wrong));
                send(method, url, "application/json", typed.toString(), field + " = " + abbreviate(typed.get(field).toString()));
            }
        }
        outOfRange.forEach((field, values) -> values.forEach(value -> {
            ObjectNode ranged = valid.deepCopy();
            ranged.set(field, RetryingClient.JSON.valueToTree(value));
            send(method, url, "application/json", ranged.toString(), field + " = " + abbreviate(ranged.get(field).toString()));
        }));
        for (String broken : List.of("", "{", "not json", "null", "[]", "42", "\"text\"", "{\"a\":}", "{\"a\":1}{",
                valid.toString().replace("}", ""), "\u0000\u0001\u0002")) {
            send(method, url, "application/json", broken, "body " + abbreviate(broken));
        }
        send(method, url, "text/plain", valid.toString(), "content-type text/plain");
        send(method, url, "application/xml", "<a>1</a>", "content-type application/xml");
        send(method, url, "application/x-www-form-urlencoded", "a=1&b=2", "content-type form");
        if (huge) {
            ObjectNode big = valid.deepCopy();
            big.put(fields.get(0), "x".repeat(12 * 1024 * 1024));
            send(method, url, "application/json", big.toString(), "12 MB body");
            String deep = "[".repeat(5000) + "]".repeat(5000);
            send(method, url, "application/json", "{\"" + fields.get(0) + "\":" + deep + "}", "5000-deep nesting");
            StringBuilder many = new StringBuilder("{");
            for (int i = 0; i < 100000; i++) {
                many.append("\"f").append(i).append("\":").append(i).append(',');
            }
            send(method, url, "application/json", many.append("\"x\":1}").toString(), "100000 unknown fields");
        }
    }

    private static List<Object> wrongTypes(JsonNode value) {
        if (value.isTextual()) {
            return List.of(123, true, List.of("a"), Map.of("a", 1));
        }
        if (value.isNumber()) {
            return List.of("abc", true, List.of(1), Map.of("a", 1), "1e400");
        }
        if (value.isArray()) {
            return List.of("INFORMED_CONSENT", 1, Map.of("a", 1));
        }
        return List.of("x", 1, List.of(1));
    }

    private void send(String method, String url, String contentType, String body, String what) {
        sent++;
        try {
            HttpResponse<String> response = http.exchangeRaw(method, url, contentType, body);
            int status = response.statusCode();
            String type = response.headers().firstValue("content-type").orElse("");
            String where = method + " " + URI.create(url).getPath().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}");
            if (status >= 500) {
                serverErrors++;
                findings.add(status + " " + where + " [" + what + "]");
            } else if (status < 400 && ACCEPTED_BY_DESIGN.containsKey(where + " [" + what + "]")) {
                acceptedByDesign++;
                findings.add(status + " (accepted by design: " + ACCEPTED_BY_DESIGN.get(where + " [" + what + "]") + ") "
                        + where + " [" + what + "]");
            } else if (status < 400) {
                accepted++;
                findings.add(status + " (accepted) " + where + " [" + what + "]");
            } else if (!type.startsWith("application/problem+json")) {
                notProblem++;
                findings.add(status + " " + (type.isEmpty() ? "no content-type" : type) + " " + where + " [" + what + "]");
            }
        } catch (Exception e) {
            // a connection closed on a huge body is a refusal, not a server error; record it
            noAnswer++;
            findings.add("no answer (" + e.getClass().getSimpleName() + ") " + method + " " + URI.create(url).getPath() + " [" + what + "]");
        }
    }

    /**
     * Each consumer of each consumed topic gets the whole {@link PoisonCorpus} for an event type it handles:
     * every poison variant must reach that consumer's dead-letter topic with the expected reason, and no valid
     * variant may. (The services' own tests also check that the valid variants are applied; here the chaos drive
     * that follows shows the channels kept going.)
     */
    private int[] poisonEvents(PrintStream out) {
        record Target(String topic, String deadLetters, String type, Function<String, String> payload,
                      String unreadEnum, String foreignType) {
        }
        List<Target> targets = List.of(
                new Target("itpump.trial.events", "itpump.implant-service.dlq", "trial.passed",
                        id -> ContractSamples.trialPassed(id, UUID.randomUUID().toString()), "indication", "implant.completed"),
                new Target("itpump.trial.events", "itpump.dosing-service.dlq", "trial.started",
                        id -> ContractSamples.trialStarted(id, UUID.randomUUID().toString()), "indication", "implant.completed"),
                new Target("itpump.implant.events", "itpump.dosing-service.dlq", "implant.completed",
                        id -> ContractSamples.implantCompleted(id, UUID.randomUUID().toString()), "pumpPocketSide", "trial.passed"),
                new Target("itpump.implant.events", "itpump.followup-service.dlq", "implant.completed",
                        id -> ContractSamples.implantCompleted(id, UUID.randomUUID().toString()), "pumpPocketSide", "trial.passed"));
        Map<String, PoisonCorpus.Variant> expected = new LinkedHashMap<>(); // dlq|label -> variant
        Map<String, String> validLabels = new HashMap<>(); // label -> dlq it must not reach
        int sent = 0;
        try (EventSender sender = new EventSender(bootstrap)) {
            for (Target target : targets) {
                for (PoisonCorpus.Variant variant : PoisonCorpus.of(target.topic(), target.type(), target.payload(),
                        target.unreadEnum(), target.foreignType())) {
                    sender.send(target.topic(), variant.key(), variant.value(), variant.headers());
                    sent++;
                    if (variant.poison()) {
                        expected.put(target.deadLetters() + "|" + variant.label(), variant);
                    } else {
                        validLabels.put(variant.label(), target.deadLetters());
                    }
                }
            }
        }
        Map<String, String> found = new HashMap<>(); // dlq|label -> reason
        List<String> wronglyDeadLettered = new ArrayList<>();
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String dlq : List.of("itpump.implant-service.dlq", "itpump.dosing-service.dlq", "itpump.followup-service.dlq")) {
                for (PartitionInfo info : consumer.partitionsFor(dlq, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(dlq, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(180);
            // envelope poison reaches every consumer of the topic, so count only the dead letters expected
            while (!found.keySet().containsAll(expected.keySet()) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header label = record.headers().lastHeader(PoisonCorpus.VARIANT_HEADER);
                    if (label == null) {
                        continue;
                    }
                    String name = new String(label.value(), StandardCharsets.UTF_8);
                    Header reason = record.headers().lastHeader("dead-letter-reason");
                    found.put(record.topic() + "|" + name, reason == null ? "" : new String(reason.value(), StandardCharsets.UTF_8));
                    if (record.topic().equals(validLabels.get(name))) {
                        wronglyDeadLettered.add(name);
                    }
                }
            }
        }
        int withReason = 0;
        int noReason = 0;
        for (var entry : expected.entrySet()) {
            String reason = found.get(entry.getKey());
            if (reason == null) {
                out.println("    not dead-lettered: " + entry.getKey());
            } else if (!reason.contains(entry.getValue().expectedReason())) {
                noReason++;
                out.println("    dead-lettered without the expected reason (" + entry.getValue().expectedReason() + "): "
                        + entry.getKey() + " -> " + reason);
            } else {
                withReason++;
            }
        }
        wronglyDeadLettered.forEach(label -> out.println("    valid variant dead-lettered: " + label));
        out.printf("  events: %d corpus records sent to %d consumers, %d poison dead letters expected, %d found with"
                        + " the expected reason, %d without it, %d valid records dead-lettered%n",
                sent, targets.size(), expected.size(), withReason, noReason, wronglyDeadLettered.size());
        return new int[]{sent, expected.size(), withReason + noReason, noReason + wronglyDeadLettered.size()};
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode obj(Map<String, Object> fields) {
        return RetryingClient.JSON.valueToTree(new LinkedHashMap<>(fields));
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private String url(String service, String path) {
        return platform.url(service) + path;
    }
}
