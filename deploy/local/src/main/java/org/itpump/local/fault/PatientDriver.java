package org.itpump.local.fault;

import com.fasterxml.jackson.databind.JsonNode;
import org.itpump.local.Platform;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One simulated patient through the whole pathway (the steps of {@link org.itpump.local.Demo}), recording what
 * each acknowledged (2xx) answer committed: that is the model the oracle checks afterwards. A request retried
 * after a crash may already have been applied by its first delivery; a 409 to it is resolved by reading the
 * resource back, so the model holds what the services committed, not what the client happened to hear.
 */
final class PatientDriver {

    static final Duration EVENTUAL = Duration.ofMinutes(5);

    /** What was acknowledged for one patient. */
    static final class Patient {
        final int index;
        final String ref;
        final boolean relieved;
        String trialId, pathwayId, decided, caseId, therapyId, planId, error;
        boolean booked, completed, programmed, escalated;

        Patient(int index, String ref, boolean relieved) {
            this.index = index;
            this.ref = ref;
            this.relieved = relieved;
        }
    }

    private final Platform platform;
    private final RetryingClient api;
    private final String room, surgeon;
    private final OffsetDateTime firstSlot;
    private final Random random;
    private int slot;

    PatientDriver(Platform platform, RetryingClient api, String label, long seed) {
        this.platform = platform;
        this.api = api;
        this.random = new Random(seed);
        this.room = required(api.post(url("implant-service", "/operating-rooms"), Map.of("name", "Fault theatre " + label)),
                "operatingRoomId");
        this.surgeon = required(api.post(url("implant-service", "/surgeons"),
                Map.of("name", "Dr Fault " + label, "staffRef", "FAULT-" + label)), "surgeonId");
        this.firstSlot = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withHour(8).withMinute(0).withSecond(0).withNano(0);
    }

    void drive(Patient p) {
        try {
            String candidateId = required(api.post(url("trial-service", "/candidates"),
                    Map.of("patientRef", p.ref, "indication", "FAILED_BACK_SURGERY_SYNDROME")), "candidateId");
            accept(api.put(url("trial-service", "/candidates/" + candidateId + "/eligibility"), Map.of("documented", List.of(
                    "FAILED_CONSERVATIVE_THERAPY_DOCUMENTED", "PSYCHOLOGICAL_EVALUATION_CLEARED", "NO_ACTIVE_INFECTION",
                    "ANTICOAGULATION_PLAN", "INFORMED_CONSENT"))), "eligibility");
            p.trialId = required(api.post(url("trial-service", "/trials"), Map.of("candidateId", candidateId,
                    "trialType", "SINGLE_BOLUS", "drug", "morphine", "dose", 0.3, "doseUnit", "mg", "baselineNrs", 8)), "trialId");
            int nrs = p.relieved ? 3 + random.nextInt(2) : 5 + random.nextInt(3);
            accept(api.post(url("trial-service", "/trials/" + p.trialId + "/assessments"),
                    Map.of("nrs", nrs, "minutesSinceDose", 120, "oralMmePerDay", 60)), "assessment");
            RetryingClient.Answer decision = api.post(url("trial-service", "/trials/" + p.trialId + "/decision"), Map.of());
            JsonNode trial = decision.ok() ? decision.body() : resolved(decision, "/trials/" + p.trialId, "decision");
            p.pathwayId = trial.path("pathwayId").asText();
            p.decided = trial.path("status").asText();
            if (!"PASSED".equals(p.decided)) {
                return;
            }
            JsonNode cases = api.await(url("implant-service", "/implant-cases?pathwayId=" + p.pathwayId),
                    found -> found.size() >= 1, EVENTUAL);
            if (cases == null) {
                throw new IllegalStateException("no implant case after " + EVENTUAL);
            }
            p.caseId = cases.get(0).path("caseId").asText();
            String kase = url("implant-service", "/implant-cases/" + p.caseId);
            OffsetDateTime start = firstSlot.plusHours(3L * slot++);
            RetryingClient.Answer booking = api.post(kase + "/booking", Map.of("operatingRoomId", room, "surgeonId", surgeon,
                    "start", start.toString(), "durationMinutes", 120));
            if (!booking.ok()) {
                resolved(booking, "/implant-cases/" + p.caseId, "booking");
            }
            p.booked = true;
            accept(api.put(kase + "/pre-op-checklist", Map.of("confirmed",
                    List.of("CONSENT_SIGNED", "ANTICOAGULATION_HELD", "INFECTION_SCREEN_CLEAR", "IMAGING_REVIEWED"))), "checklist");
            OffsetDateTime ended = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
            RetryingClient.Answer completion = api.post(kase + "/completion", Map.of("catheterEntryLevel", "L2-L3",
                    "catheterTipLevel", "T10", "pumpPocketSide", "RIGHT", "anesthesia", "SEDATION",
                    "startedAt", ended.minusMinutes(90).toString(), "endedAt", ended.toString(),
                    "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II",
                            "serialNumber", "FAULT-" + p.caseId.substring(0, 8), "reservoirVolumeMl", 20)));
            if (!completion.ok()) {
                JsonNode after = resolved(completion, "/implant-cases/" + p.caseId, "completion");
                if (!"COMPLETED".equals(after.path("status").asText())) {
                    throw new IllegalStateException("completion answered " + completion.status() + ", case is " + after);
                }
            }
            p.completed = true;
            OffsetDateTime completionAnswered = OffsetDateTime.now(ZoneOffset.UTC); // after the service's completion time
            JsonNode therapies = api.await(url("dosing-service", "/pump-therapies?pathwayId=" + p.pathwayId),
                    found -> found.size() >= 1, EVENTUAL);
            if (therapies == null) {
                throw new IllegalStateException("no pump therapy after " + EVENTUAL);
            }
            p.therapyId = therapies.get(0).path("therapyId").asText();
            String programs = url("dosing-service", "/pump-therapies/" + p.therapyId + "/programs");
            RetryingClient.Answer program = api.post(programs, Map.of("drug", "morphine", "concentrationPerMl", 10,
                    "concentrationUnit", "mg/mL", "dailyDose", 0.4, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"));
            if (!program.ok()) {
                resolved(program, "/pump-therapies/" + p.therapyId + "/programs", "program");
            }
            p.programmed = true;
            JsonNode plans = api.await(url("followup-service", "/monitoring-plans?pathwayId=" + p.pathwayId),
                    found -> found.size() >= 1, EVENTUAL);
            if (plans == null) {
                throw new IllegalStateException("no monitoring plan after " + EVENTUAL);
            }
            p.planId = plans.get(0).path("planId").asText();
            if (random.nextInt(5) == 0) {
                RetryingClient.Answer complication = api.post(url("followup-service", "/monitoring-plans/" + p.planId
                        + "/complications"), Map.of("kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "SEVERE",
                        "features", List.of("NEW_WEAKNESS"), "onsetAt", completionAnswered.toString()));
                accept(complication, "complication");
                p.escalated = true;
            }
        } catch (RuntimeException e) {
            p.error = e.getMessage();
        }
    }

    private String url(String service, String path) {
        return platform.url(service) + path;
    }

    private static String required(RetryingClient.Answer answer, String field) {
        if (!answer.ok()) {
            throw new IllegalStateException("answered " + answer.status() + ": " + answer.raw());
        }
        return answer.body().path(field).asText();
    }

    /** 2xx, or a 409 to a retried (possibly already applied) request. */
    private static void accept(RetryingClient.Answer answer, String step) {
        if (!answer.ok() && !(answer.retried() && answer.status() == 409)) {
            throw new IllegalStateException(step + " answered " + answer.status() + ": " + answer.raw());
        }
    }

    /** A retried request refused with 409: its first delivery was applied; read the resource back. */
    private JsonNode resolved(RetryingClient.Answer answer, String service, String path, String step) {
        if (!(answer.retried() && answer.status() == 409)) {
            throw new IllegalStateException(step + " answered " + answer.status() + ": " + answer.raw());
        }
        RetryingClient.Answer read = api.get(url(service, path));
        if (!read.ok()) {
            throw new IllegalStateException(step + ": reading back " + path + " answered " + read.status());
        }
        return read.body();
    }

    private JsonNode resolved(RetryingClient.Answer answer, String path, String step) {
        String service = path.startsWith("/trials") ? "trial-service"
                : path.startsWith("/implant-cases") ? "implant-service" : "dosing-service";
        return resolved(answer, service, path, step);
    }
}
