package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.itpump.infra.Infrastructure;
import org.itpump.testing.Await;
import org.itpump.testing.ContractChecks;
import org.itpump.testing.MllpEngine;
import org.itpump.testing.TopicProbe;
import org.itpump.testing.Traces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.itpump.testing.ContractChecks.assertContract;
import static org.itpump.testing.TopicProbe.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The thin path through all four services and the integration gateway, each a packaged app in its own JVM, on a
 * real broker and a real PostgreSQL, driven over REST only, with the topics read by a plain Kafka consumer like an
 * integration engine, and the gateway's SIU messages received by a real MLLP listener (HAPI) like Mirth's.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class PathwayEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> TOPICS = List.of("itpump.trial.events", "itpump.implant.events",
            "itpump.dosing.events", "itpump.followup.events", "itpump.audit.events");

    private static Infrastructure infrastructure;
    private static Platform platform;
    private static TopicProbe topics;
    private static MllpEngine engine;

    @BeforeAll
    static void startPlatform() throws IOException {
        Path root = Path.of(System.getProperty("itpump.root", "../..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(root.resolve("deploy/local/target/e2e"));
        infrastructure = Infrastructure.start(work.resolve("kafka"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        Platform.SERVICES.keySet().forEach(service -> ports.put(service, freePort()));
        // Timers poll hourly here (first poll at start-up), so that only a restart can fire a timer already due.
        // Tracing on, as in production (no collector here: the spans are dropped, their context still travels).
        platform = Platform.start(infrastructure, root, work.resolve("logs"), "itpump_e2e", true, ports,
                Map.of("itpump.timers.poll-interval", "1h", "quarkus.otel.sdk.disabled", "false",
                        "quarkus.log.category.\"io.opentelemetry.exporter\".level", "OFF"), System.out::println);
        // The gateway delivers every SIU message to this engine over MLLP (and reads the pathway topics itself).
        try {
            engine = new MllpEngine(freePort()).start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // Times in UTC whatever ITPUMP_HOSPITAL_ZONE this machine sets, so that the expected TQ1 start is fixed.
        platform.startGateway(freePort(), Map.of("engine", engine.address()),
                Map.of("itpump.gateway.hl7.hospital-zone", "UTC"), System.out::println);
        topics = new TopicProbe(infrastructure.kafkaBootstrapServers(), TOPICS.toArray(String[]::new));
        // Every call carries a bearer token signed with this run's development key; the services verify it.
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer "
                + platform.token("e2e-staff", "clinician", "nurse", "scheduler", "pharmacist", "ops")).build();
    }

    @AfterAll
    static void stopPlatform() {
        RestAssured.requestSpecification = null;
        if (topics != null) {
            topics.close();
        }
        if (platform != null) {
            platform.close();
        }
        if (engine != null) {
            try {
                engine.close();
            } catch (IOException ignored) {
                // the JVM ends here anyway
            }
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void aPassedTrialBecomesAnImplantThenPumpTherapyAndMonitoring() {
        String pathwayId = implantedPathway("E2E-0001");
        String caseId = (String) awaitOne(platform.url("implant-service") + "/implant-cases", pathwayId).get("caseId");

        Map<String, Object> therapy = awaitOne(platform.url("dosing-service") + "/pump-therapies", pathwayId);
        assertEquals("ACTIVE", therapy.get("status"));
        assertEquals(caseId, therapy.get("implantCaseId"));
        assertEquals(20.0f, ((Number) therapy.get("reservoirVolumeMl")).floatValue());
        Map<String, Object> plan = awaitOne(platform.url("followup-service") + "/monitoring-plans", pathwayId);
        assertEquals("ACTIVE", plan.get("status"));
        assertEquals(8, plan.get("baselineNrs"), "the pre-trial baseline reached follow-up through the events");

        // Every event of the pathway, on its topic, as a CloudEvent that satisfies its contract, in order.
        List<String> expected = List.of("trial.started", "trial.assessment-recorded", "trial.passed",
                "implant.case-opened", "implant.scheduled", "implant.completed",
                "dosing.therapy-opened", "followup.monitoring-started");
        String decisionTrace = Traces.traceId(Traces.traceparent(topics.await(ofType("trial.passed", pathwayId), WAIT)));
        for (String type : expected) {
            ConsumerRecord<String, String> record = topics.await(ofType(type, pathwayId), WAIT);
            JsonNode payload = assertContract(record);
            assertEquals("E2E-0001", payload.path("patientRef").asText(), type + " carries the patient reference");
            if (expected.indexOf(type) >= expected.indexOf("trial.passed")) {
                // One trace from the decision to the monitoring plan, across the booking and surgery requests.
                assertEquals(decisionTrace, Traces.traceId(Traces.traceparent(record)), type + " is in the decision's trace");
            }
        }
        List<String> implantTopicOrder = topics.drain(Duration.ZERO).stream()
                .filter(r -> r.topic().equals("itpump.implant.events") && pathwayId.equals(r.key()))
                .map(r -> TopicProbe.header(r, "ce_type"))
                // checklist changes (issue 16) interleave with the booking depending on when the test confirms them
                .filter(type -> !type.equals("implant.pre-op-checklist-updated")).toList();
        assertEquals(List.of("implant.case-opened", "implant.scheduled", "implant.completed"), implantTopicOrder,
                "one pathway's events keep their order (record key = pathway id)");
    }

    /**
     * Issue 15 end to end: a booking reaches the engine over MLLP as exactly one SIU^S12, a reschedule as an S13
     * after it, and the completed implant is served by the gateway's FHIR API as a Procedure whose focalDevice
     * names the pump, a Device with the serial number recorded at surgery.
     */
    @Test
    void theEngineGetsOneS12ThenAnS13OverMllpAndTheFhirApiServesTheProcedureWithItsDevice() {
        String patientRef = "E2E-GW-0001";
        Booked booked = bookedCase(patientRef, "2099-02-10T08:30:00Z");
        Await.until(() -> engine.triggersOf(patientRef), triggers -> !triggers.isEmpty(), WAIT,
                "the booking's SIU message at the engine");

        given().contentType(ContentType.JSON).body(Map.of("operatingRoomId", booked.roomId(), "surgeonId", booked.surgeonId(),
                        "start", "2099-02-11T10:00:00Z", "durationMinutes", 120, "reason", "Theatre list changed"))
                .put(platform.url("implant-service") + "/implant-cases/{id}/booking", booked.caseId()).then().statusCode(200);
        Await.until(() -> engine.triggersOf(patientRef), triggers -> triggers.contains("S13"), WAIT,
                "the reschedule's SIU^S13 at the engine");
        assertEquals(List.of("S12", "S13"), engine.triggersOf(patientRef),
                "one S12 for the booking, then one S13 for the reschedule, and nothing else yet");
        String s13 = engine.of(patientRef).get(1).er7();
        assertTrue(s13.contains("SIU^S13"), s13);
        // TQ1-7 (start) of the S13 is the new slot: 2099-02-11 10:00 UTC (the hospital zone is UTC here)
        assertTrue(s13.contains("|209902111000"), "the S13 carries the new start: " + s13);

        checklist(booked.caseId());
        complete(booked.caseId(), "NGP-E2E-GW1");
        JsonNode procedure = Await.until(() -> fhirEntries("Procedure?patient=" + patientRef),
                entries -> !entries.isEmpty(), WAIT, "the implant as a FHIR Procedure").get(0).path("resource");
        assertEquals("Procedure", procedure.path("resourceType").asText());
        assertEquals("completed", procedure.path("status").asText());
        String pumpReference = procedure.path("focalDevice").get(0).path("manipulated").path("reference").asText();
        assertEquals("Device/pump-" + booked.caseId(), pumpReference, "focalDevice names the pump");
        JsonNode pump = fhirGet(pumpReference);
        assertEquals("Device", pump.path("resourceType").asText());
        assertEquals("NGP-E2E-GW1", pump.path("serialNumber").asText(), "the pump's serial number as recorded at surgery");
        assertEquals(List.of("S12", "S13"), engine.triggersOf(patientRef).subList(0, 2), "still one S12 and one S13 first");
        assertEquals(1, engine.triggersOf(patientRef).stream().filter("S12"::equals).count(), "exactly one S12");
    }

    /** The entries of a FHIR search Bundle of the gateway (a token with role integration, as an engine has). */
    private static List<JsonNode> fhirEntries(String search) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        fhirGet(search).path("entry").forEach(entries::add);
        return entries;
    }

    private static JsonNode fhirGet(String path) {
        String url = platform.url(Platform.GATEWAY) + "/fhir/r4/" + path;
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .header("Authorization", "Bearer " + platform.token("e2e-engine", "integration"))
                            .header("Accept", "application/fhir+json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url + ": " + response.body());
            return readJson(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Issue 12's clock test, on the packaged services: a dose change re-plans a refill, dosing-service is killed
     * (SIGKILL), and its clock is then moved to just before the re-planned reminder (none fires) and across it
     * (exactly one fires, with the re-planned date). dosing-service's clock is moved by restarting it with
     * {@code itpump.test.clock-offset} (timers poll hourly here, plus once at start-up, so each restart is one poll
     * at the moved clock); the last restart puts it back on real time. It runs last: after the SIGKILL the
     * killed consumer holds dosing-service's partitions until the group's session timeout (45 s), which would only
     * slow a later test down.
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aReplannedRefillReminderFiresOnceAtItsInstantAfterADoseChangeAndASigkill() {
        String pathwayA = implantedPathway("E2E-0003");
        String pathwayB = implantedPathway("E2E-0004");
        String dosing = platform.url("dosing-service");
        String therapyA = (String) awaitOne(dosing + "/pump-therapies", pathwayA).get("therapyId");
        String therapyB = (String) awaitOne(dosing + "/pump-therapies", pathwayB).get("therapyId");
        // dosing-service's clock pinned to Z = D0 12:00 UTC (D0: tomorrow), so the re-plan below is exact whatever
        // the hour of the run; its clock runs on from Z (a few seconds pass between the steps).
        java.time.LocalDate d0 = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1);
        moveDosingClockTo(d0.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC));
        try {
            // A: morphine 10 mg/mL at 8 mg/day = 0.8 mL/day; 20 mL filled on D0 - 10 (counted from 00:00 UTC).
            program(therapyA, 8, "E2E: high-dose cancer pain, above the usual start on purpose");
            refill(therapyA, d0.minusDays(10));
            // Plan at the refill (Z): 10.5 days x 0.8 = 8.4 mL used, 20 - 8.4 = 11.6 mL left; the 2 mL alarm is
            // (11.6 - 2) / 0.8 = 12 days later, D0+12 12:00; 1 day of margin: due D0+11.
            // The dose drops to 4 mg/day = 0.4 mL/day (still at Z, to the second): the alarm moves to
            // (11.6 - 2) / 0.4 = 24 days after Z, D0+24 12:00 (minus the seconds since Z); due D0+23. The reminder
            // goes 7 days ahead (itpump.dosing.refill-due-notice-days), at 00:00 UTC: D0+16 00:00 UTC.
            program(therapyA, 4, "E2E: dose reduced after the trial");
            JsonNode replanned = assertContract(topics.await(ofType("dosing.refill-replanned", pathwayA), WAIT));
            assertEquals(d0.plusDays(11).toString(), replanned.path("previousRefillDueDate").asText());
            assertEquals(d0.plusDays(23).toString(), replanned.path("refillDueDate").asText());
            java.time.Instant reminderAt = d0.plusDays(16).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            // B (the witness): 0.4 mg/day, filled on D0 - 85: morphine's 90-day stability makes it due D0+5, so its
            // reminder (D0-2) is due already and fires at the next poll, whatever the clock.
            program(therapyB, 0.4, null);
            refill(therapyB, d0.minusDays(85));

            // SIGKILL, then 3 minutes before A's reminder (a start takes well under awaitReady's 120 s): B's reminder
            // fires at that poll, A's does not; A's old reminder (D0+4) is not left behind either.
            moveDosingClockTo(reminderAt.minus(Duration.ofMinutes(3))); // the SIGKILL after the dose change
            assertEquals(therapyB, assertContract(topics.await(ofType("dosing.refill-due", pathwayB), WAIT))
                    .path("therapyId").asText(), "the poll at the moved clock ran");
            assertEquals(0, refillDueOf(pathwayA), "no reminder before its instant");

            // Across it: exactly one reminder, with the re-planned date.
            moveDosingClockTo(reminderAt.plus(Duration.ofMinutes(1)));
            JsonNode due = assertContract(topics.await(ofType("dosing.refill-due", pathwayA), WAIT));
            assertEquals(therapyA, due.path("therapyId").asText());
            assertEquals(d0.plusDays(23).toString(), due.path("refillDueDate").asText());
            assertEquals(1, refillDueOf(pathwayA), "fired once");
            assertEquals(1, topics.drain(Duration.ZERO).stream().filter(ofType("dosing.refill-due", pathwayB)).count(),
                    "B's reminder fired once, across two restarts");
        } finally {
            platform.crashAndRestart("dosing-service", 0, Map.of()); // back on real time
        }
    }

    /**
     * Restarts dosing-service with SIGKILL (each restart, the first included, is a crash: the quickest way, and this
     * test runs last) with its clock starting at that instant; it then runs on in real time.
     */
    private static void moveDosingClockTo(java.time.Instant at) {
        // the hand computation is in UTC days, whatever ITPUMP_HOSPITAL_ZONE this machine sets
        platform.crashAndRestart("dosing-service", 0, Map.of("itpump.test.clock-offset",
                Duration.between(java.time.Instant.now(), at).toString(), "itpump.dosing.hospital-zone", "UTC"));
    }

    /** The pathway's dosing.refill-due events on the topic, after 2 s more for any late one. */
    private static long refillDueOf(String pathwayId) {
        return topics.drain(Duration.ofSeconds(2)).stream().filter(ofType("dosing.refill-due", pathwayId)).count();
    }

    private static void program(String therapyId, double dailyDoseMg, String overrideReason) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("drug", "morphine", "concentrationPerMl", 10,
                "concentrationUnit", "mg/mL", "dailyDose", dailyDoseMg, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"));
        if (overrideReason != null) {
            body.put("overrideReason", overrideReason);
        }
        given().contentType(ContentType.JSON).body(body)
                .post(platform.url("dosing-service") + "/pump-therapies/{id}/programs", therapyId).then().statusCode(201);
    }

    private static void refill(String therapyId, java.time.LocalDate filledOn) {
        given().contentType(ContentType.JSON).body(Map.of("filledOn", filledOn.toString(), "volumeAddedMl", 20,
                        "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "lot", "LOT-E2E"))
                .post(platform.url("dosing-service") + "/pump-therapies/{id}/refills", therapyId).then().statusCode(201);
    }

    /**
     * Issue 12 section 6, the saga across trial- and dosing-service: dosing-service checks a 10 mg intrathecal
     * morphine trial bolus (ten times morphine's 1 mg single-bolus limit) and says so; trial-service holds the trial
     * (no decision) until a clinician records an override, which is published with the clinician from the token.
     */
    @Test
    void aTenMilligramMorphineTrialBolusHoldsTheTrialUntilAClinicianOverridesIt() {
        String trial = platform.url("trial-service");
        String trialId = startTrial("E2E-0005", 8, 10);
        String pathwayId = given().get(trial + "/trials/{id}", trialId).then().statusCode(200).extract().path("pathwayId");
        JsonNode checked = assertContract(topics.await(ofType("dosing.trial-dose-checked", pathwayId), WAIT));
        assertEquals("HARD", checked.path("findingDetails").get(0).path("limit").asText());
        assertEquals("max-bolus-dose", checked.path("findingDetails").get(0).path("rule").asText());
        Await.until(() -> given().get(trial + "/trials/{id}", trialId).then().statusCode(200)
                .extract().<Boolean>path("doseCheck.onHold"), Boolean.TRUE::equals, WAIT, "the trial to be held");
        for (int nrs : new int[]{4, 3, 5}) { // mean 4 of baseline 8: 50 % relief, a pass once released
            assess(trialId, nrs);
        }

        given().post(trial + "/trials/{id}/decision", trialId).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("on hold (trial-dose-hard-limit)"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Given as 1 mg; 10 mg was a transcription error"))
                .post(trial + "/trials/{id}/dose-override", trialId).then().statusCode(200)
                .body("doseCheck.onHold", equalTo(false));
        JsonNode override = assertContract(topics.await(ofType("trial.dose-override-recorded", pathwayId), WAIT));
        assertEquals("e2e-staff", override.path("overriddenBy").asText());
        given().post(trial + "/trials/{id}/decision", trialId).then().statusCode(200).body("status", equalTo("PASSED"));
    }

    @Test
    void callsNeedAValidTokenAndEveryReadOfPatientDataIsAuditedAsAFhirAuditEvent() {
        String trial = platform.url("trial-service");
        assertEquals(401, statusWithToken(trial + "/trials", "forged"), "a forged token");
        assertEquals(403, statusWithToken(trial + "/trials", platform.token("e2e-scheduler", "scheduler")),
                "a scheduler reads no trials");
        String trialId = startTrial("E2E-AUDIT", 6);
        given().get(trial + "/trials/{id}", trialId).then().statusCode(200);

        var audited = topics.await(record -> record.topic().equals("itpump.audit.events")
                && record.value().contains("E2E-AUDIT") && "R".equals(readJson(record.value()).path("action").asText()), WAIT);
        JsonNode auditEvent = readJson(audited.value());
        assertEquals(List.of(), ContractChecks.contracts().violations("audit.recorded", auditEvent));
        assertEquals("AuditEvent", auditEvent.path("resourceType").asText());
        assertEquals("e2e-staff", auditEvent.path("agent").get(0).path("who").path("identifier").path("value").asText());
        assertEquals("trial-service", auditEvent.path("source").path("observer").path("display").asText());
    }

    private static int statusWithToken(String url, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                            .header("Authorization", "Bearer " + token).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDemoSummaryMatchesWhatTheRestApisReport() {
        Demo.Result result = Demo.run(platform, 6, 42L, System.out);
        Demo.print(result, System.out);
        assertEquals(result.driven(), result.reported());
        assertTrue(result.driven().passed() > 0, "the seed makes some trials pass");
        assertEquals(result.driven().passed(), result.reported().monitored(), "every passed trial is monitored, say the REST APIs");
    }

    @Test
    void aFailedTrialOpensNoImplantCase() {
        String trial = platform.url("trial-service");
        String trialId = startTrial("E2E-0002", 10);
        assess(trialId, 6);
        String pathwayId = given().post(trial + "/trials/{id}/decision", trialId).then().statusCode(200)
                .body("status", equalTo("FAILED")).extract().path("pathwayId");

        ConsumerRecord<String, String> failed = topics.await(ofType("trial.failed", pathwayId), WAIT);
        assertContract(failed);
        // Look only once implant-service has committed its offset past trial.failed: it has then handled it.
        TopicPartition partition = new TopicPartition(failed.topic(), failed.partition());
        Await.until(() -> committedOffset("implant-service", partition), offset -> offset > failed.offset(), WAIT,
                "implant-service to consume past trial.failed");
        List<Map<String, Object>> cases = given().queryParam("pathwayId", pathwayId)
                .get(platform.url("implant-service") + "/implant-cases").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(cases.isEmpty(), "no implant case for a failed trial");
    }

    /** Drives a patient from candidate to completed implant over REST; returns the pathway id. */
    private static String implantedPathway(String patientRef) {
        Booked booked = bookedCase(patientRef, "2099-01-15T08:30:00Z");
        checklist(booked.caseId());
        complete(booked.caseId(), "NGP000001H");
        return booked.pathwayId();
    }

    /** A passed trial's implant case, booked at {@code start} in a theatre and with a surgeon of its own. */
    private record Booked(String pathwayId, String caseId, String roomId, String surgeonId) {
    }

    private static Booked bookedCase(String patientRef, String start) {
        String trial = platform.url("trial-service");
        String trialId = startTrial(patientRef, 8);
        for (int nrs : new int[]{4, 3, 5}) { // mean 4: exactly 50 % relief
            assess(trialId, nrs);
        }
        String pathwayId = given().post(trial + "/trials/{id}/decision", trialId).then().statusCode(200)
                .body("status", equalTo("PASSED")).extract().path("pathwayId");

        String implant = platform.url("implant-service");
        Map<String, Object> implantCase = awaitOne(implant + "/implant-cases", pathwayId);
        assertEquals("AWAITING_SCHEDULING", implantCase.get("status"));
        String caseId = (String) implantCase.get("caseId");
        String roomId = given().contentType(ContentType.JSON).body(Map.of("name", "Theatre " + patientRef))
                .post(implant + "/operating-rooms").then().statusCode(201).extract().path("operatingRoomId");
        String surgeonId = given().contentType(ContentType.JSON).body(Map.of("name", "Dr Lin", "staffRef", "S-" + patientRef))
                .post(implant + "/surgeons").then().statusCode(201).extract().path("surgeonId");
        given().contentType(ContentType.JSON).body(Map.of("operatingRoomId", roomId, "surgeonId", surgeonId,
                        "start", start, "durationMinutes", 120))
                .post(implant + "/implant-cases/{id}/booking", caseId).then().statusCode(200);
        return new Booked(pathwayId, caseId, roomId, surgeonId);
    }

    private static void checklist(String caseId) {
        given().contentType(ContentType.JSON).body(Map.of("confirmed",
                        List.of("CONSENT_SIGNED", "ANTICOAGULATION_HELD", "INFECTION_SCREEN_CLEAR", "IMAGING_REVIEWED")))
                .put(platform.url("implant-service") + "/implant-cases/{id}/pre-op-checklist", caseId).then().statusCode(200);
    }

    /** Records the implant (ended 10 minutes ago) with a SynchroMed II of this serial number. */
    private static void complete(String caseId, String serialNumber) {
        String ended = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10).toString();
        String started = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(100).toString();
        given().contentType(ContentType.JSON).body(Map.of("catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10",
                        "pumpPocketSide", "RIGHT", "anesthesia", "SEDATION", "startedAt", started, "endedAt", ended,
                        "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II",
                                "serialNumber", serialNumber, "reservoirVolumeMl", 20)))
                .post(platform.url("implant-service") + "/implant-cases/{id}/completion", caseId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
    }

    /** Registers an eligible candidate and starts a single-bolus morphine trial of 0.5 mg. */
    private static String startTrial(String patientRef, int baselineNrs) {
        return startTrial(patientRef, baselineNrs, 0.5);
    }

    /** The same with a bolus of that many mg. */
    private static String startTrial(String patientRef, int baselineNrs, double doseMg) {
        String trial = platform.url("trial-service");
        String candidateId = given().contentType(ContentType.JSON)
                .body(Map.of("patientRef", patientRef, "indication", "FAILED_BACK_SURGERY_SYNDROME"))
                .post(trial + "/candidates").then().statusCode(201).extract().path("candidateId");
        given().contentType(ContentType.JSON).body(Map.of("documented", List.of("FAILED_CONSERVATIVE_THERAPY_DOCUMENTED",
                        "PSYCHOLOGICAL_EVALUATION_CLEARED", "NO_ACTIVE_INFECTION", "ANTICOAGULATION_PLAN", "INFORMED_CONSENT")))
                .put(trial + "/candidates/{id}/eligibility", candidateId).then().statusCode(200);
        return given().contentType(ContentType.JSON).body(Map.of("candidateId", candidateId, "trialType", "SINGLE_BOLUS",
                        "drug", "morphine", "dose", doseMg, "doseUnit", "mg", "baselineNrs", baselineNrs))
                .post(trial + "/trials").then().statusCode(201).extract().path("trialId");
    }

    private static void assess(String trialId, int nrs) {
        given().contentType(ContentType.JSON).body(Map.of("nrs", nrs, "minutesSinceDose", 120, "oralMmePerDay", 60))
                .post(platform.url("trial-service") + "/trials/{id}/assessments", trialId).then().statusCode(201);
    }

    private static Map<String, Object> awaitOne(String url, String pathwayId) {
        List<Map<String, Object>> found = Await.until(() -> given().queryParam("pathwayId", pathwayId).get(url)
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("$"),
                list -> !list.isEmpty(), WAIT, "a record at " + url + " for pathway " + pathwayId);
        assertEquals(1, found.size(), "exactly one record at " + url);
        return found.get(0);
    }

    private static long committedOffset(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the offsets of " + group, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
