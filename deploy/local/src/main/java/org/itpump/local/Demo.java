package org.itpump.local;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Drives N simulated patients through the whole pathway over REST (candidate, trial, decision; for those who
 * pass: booking, implant, pump program, monitoring; some report a complication), then counts every stage
 * again from the REST APIs, so the summary shows what was driven beside what the services report.
 */
public final class Demo {

    /** Counts per stage; "driven" is what the demo did, "reported" what the APIs answer afterwards. */
    public record Summary(int patients, int passed, int implanted, int programmed, int monitored, int escalated) {
        String row(String label) {
            return String.format("  %-9s %8d %7d %10d %11d %10d %10d", label, patients, passed, implanted, programmed,
                    monitored, escalated);
        }
    }

    public record Result(Summary driven, Summary reported) {
    }

    private final Platform platform;
    private final RestClient api;
    private final Random random;

    Demo(Platform platform, long seed) {
        this.platform = platform;
        this.api = new RestClient(platform.token("demo", "clinician", "nurse", "scheduler", "pharmacist", "ops"));
        this.random = new Random(seed);
    }

    public static Result run(Platform platform, int patients, long seed, PrintStream out) {
        return new Demo(platform, seed).run(patients, out);
    }

    /** How often {@link #keepMoving} takes its next step. */
    public static final java.time.Duration STEP = java.time.Duration.ofSeconds(10);

    /**
     * After the summary, so that the board, the worklists and the timelines keep changing while the platform runs
     * (issue 16): on a daemon thread, every {@code step} a new patient starts a trial, and each patient already
     * moving takes its next step: decision, booking (tomorrow, in the demo theatre), a reschedule (the bar moves on
     * the board; SIU S13 at the gateway), the pre-op checklist, the implant, the pump program, and for one in five a
     * complication (an escalation on the worklist). At most {@value #MOVING} patients move at once. A failed call
     * is printed and that patient drops out; the loop goes on.
     */
    public static Thread keepMoving(Platform platform, long seed, java.time.Duration step, PrintStream out) {
        Demo demo = new Demo(platform, seed);
        Thread mover = new Thread(() -> demo.moveForever(step, out), "demo-moving");
        mover.setDaemon(true);
        mover.start();
        return mover;
    }

    private static final int MOVING = 8;

    /** One patient of {@link #keepMoving}: what it has done so far. */
    private static final class Moving {
        final String patientRef;
        final int index;
        String trialId, pathwayId, caseId;
        OffsetDateTime slot;
        int stage;

        Moving(String patientRef, int index) {
            this.patientRef = patientRef;
            this.index = index;
        }
    }

    private void moveForever(java.time.Duration step, PrintStream out) {
        String run = "MOVE-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String room, surgeon;
        try {
            room = api.post(url("implant-service", "/operating-rooms"), Map.of("name", "Demo theatre " + run))
                    .path("operatingRoomId").asText();
            surgeon = api.post(url("implant-service", "/surgeons"), Map.of("name", "Dr Moving", "staffRef", run))
                    .path("surgeonId").asText();
        } catch (RuntimeException e) {
            out.println("demo: cannot keep patients moving: " + e.getMessage());
            return;
        }
        OffsetDateTime tomorrow = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.DAYS).plusHours(7);
        List<Moving> moving = new ArrayList<>();
        int started = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (moving.size() < MOVING) {
                moving.add(new Moving(run + "-" + started, started));
                started++;
            }
            for (java.util.Iterator<Moving> it = moving.iterator(); it.hasNext() && !Thread.currentThread().isInterrupted(); ) {
                Moving patient = it.next();
                try {
                    if (!advance(patient, room, surgeon, tomorrow)) {
                        it.remove();
                    }
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return; // the platform is stopping
                    }
                    out.println("demo: " + patient.patientRef + " stops moving: " + e.getMessage());
                    it.remove();
                }
            }
            try {
                Thread.sleep(step.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The patient's next step; false when it has none left (or its trial failed). */
    private boolean advance(Moving patient, String room, String surgeon, OffsetDateTime tomorrow) {
        switch (patient.stage++) {
            case 0 -> {
                String candidateId = api.post(url("trial-service", "/candidates"), Map.of("patientRef", patient.patientRef,
                        "indication", "FAILED_BACK_SURGERY_SYNDROME")).path("candidateId").asText();
                api.put(url("trial-service", "/candidates/" + candidateId + "/eligibility"), Map.of("documented", List.of(
                        "FAILED_CONSERVATIVE_THERAPY_DOCUMENTED", "PSYCHOLOGICAL_EVALUATION_CLEARED", "NO_ACTIVE_INFECTION",
                        "ANTICOAGULATION_PLAN", "INFORMED_CONSENT")));
                patient.trialId = api.post(url("trial-service", "/trials"), Map.of("candidateId", candidateId,
                        "trialType", "SINGLE_BOLUS", "drug", "morphine", "dose", 0.3, "doseUnit", "mg", "baselineNrs", 8))
                        .path("trialId").asText();
                api.post(url("trial-service", "/trials/" + patient.trialId + "/assessments"),
                        Map.of("nrs", random.nextInt(10) < 8 ? 3 : 6, "minutesSinceDose", 120, "oralMmePerDay", 60));
            }
            case 1 -> {
                JsonNode decided = api.post(url("trial-service", "/trials/" + patient.trialId + "/decision"), Map.of());
                patient.pathwayId = decided.path("pathwayId").asText();
                return "PASSED".equals(decided.path("status").asText());
            }
            case 2 -> {
                patient.caseId = api.await(url("implant-service", "/implant-cases?pathwayId=" + patient.pathwayId),
                        cases -> cases.size() == 1).get(0).path("caseId").asText();
                // a slot of its own: 12 a day from 07:00, 45 minutes apart (40 booked), in this run's theatre
                patient.slot = tomorrow.plusDays(patient.index / 12).plusMinutes(45L * (patient.index % 12));
                api.post(url("implant-service", "/implant-cases/" + patient.caseId + "/booking"), Map.of(
                        "operatingRoomId", room, "surgeonId", surgeon, "start", patient.slot.toString(), "durationMinutes", 40));
            }
            case 3 -> {
                if (random.nextBoolean()) { // half of them move to another slot: the bar moves, an S13 goes out
                    patient.slot = patient.slot.plusHours(9); // from 16:00 on the same day: free, as only these move there
                    api.put(url("implant-service", "/implant-cases/" + patient.caseId + "/booking"), Map.of(
                            "operatingRoomId", room, "surgeonId", surgeon, "start", patient.slot.toString(),
                            "durationMinutes", 40, "reason", "Demo: the theatre list changed"));
                }
            }
            case 4 -> api.put(url("implant-service", "/implant-cases/" + patient.caseId + "/pre-op-checklist"),
                    Map.of("confirmed", List.of("CONSENT_SIGNED", "ANTICOAGULATION_HELD", "INFECTION_SCREEN_CLEAR",
                            "IMAGING_REVIEWED")));
            case 5 -> {
                OffsetDateTime ended = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
                api.post(url("implant-service", "/implant-cases/" + patient.caseId + "/completion"), Map.of(
                        "catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10", "pumpPocketSide", "RIGHT",
                        "anesthesia", "SEDATION", "startedAt", ended.minusMinutes(60).toString(), "endedAt", ended.toString(),
                        "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II",
                                "serialNumber", "MOVE-" + patient.caseId.substring(0, 8), "reservoirVolumeMl", 20)));
            }
            case 6 -> program(patient.pathwayId);
            case 7 -> {
                if (random.nextInt(5) == 0) {
                    String planId = api.await(url("followup-service", "/monitoring-plans?pathwayId=" + patient.pathwayId),
                            plans -> plans.size() == 1).get(0).path("planId").asText();
                    api.post(url("followup-service", "/monitoring-plans/" + planId + "/complications"), Map.of(
                            "kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "SEVERE", "features", List.of("NEW_WEAKNESS"),
                            "onsetAt", OffsetDateTime.now(ZoneOffset.UTC).toString()));
                }
                return false;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private Result run(int patients, PrintStream out) {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String room = api.post(url("implant-service", "/operating-rooms"), Map.of("name", "Demo theatre " + run))
                .path("operatingRoomId").asText();
        String surgeon = api.post(url("implant-service", "/surgeons"), Map.of("name", "Dr Demo", "staffRef", "DEMO-" + run))
                .path("surgeonId").asText();
        OffsetDateTime firstSlot = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.DAYS).plusHours(8);
        List<TrialRun> trials = new ArrayList<>();
        int passed = 0, implanted = 0, programmed = 0, monitored = 0, escalated = 0;
        for (int i = 0; i < patients; i++) {
            progress(out, i, patients);
            TrialRun trial = trial("DEMO-" + run + "-" + i, random.nextInt(10) < 7);
            trials.add(trial);
            if (!trial.passed()) {
                continue;
            }
            passed++;
            String pathwayId = trial.pathwayId();
            implant(pathwayId, room, surgeon, firstSlot.plusHours(3L * i));
            implanted++;
            program(pathwayId);
            programmed++;
            String planId = api.await(url("followup-service", "/monitoring-plans?pathwayId=" + pathwayId),
                    plans -> plans.size() == 1).get(0).path("planId").asText();
            monitored++;
            if (random.nextInt(5) == 0) { // one in five reports new weakness: an emergency escalation
                api.post(url("followup-service", "/monitoring-plans/" + planId + "/complications"), Map.of(
                        "kind", "INCREASED_PAIN_OR_WEAKNESS", "severity", "SEVERE", "features", List.of("NEW_WEAKNESS"),
                        "onsetAt", OffsetDateTime.now(ZoneOffset.UTC).toString())); // onset after the implant was recorded
                escalated++;
            }
        }
        progress(out, patients, patients);
        out.println();
        return new Result(new Summary(patients, passed, implanted, programmed, monitored, escalated), reported(trials));
    }

    private record TrialRun(String trialId, String pathwayId, boolean passed) {
    }

    /** Baseline 8: a patient meant to pass reports 3 or 4 after the dose (50 % relief or more), others 5 to 7. */
    private TrialRun trial(String patientRef, boolean relieved) {
        String candidateId = api.post(url("trial-service", "/candidates"),
                Map.of("patientRef", patientRef, "indication", "FAILED_BACK_SURGERY_SYNDROME")).path("candidateId").asText();
        api.put(url("trial-service", "/candidates/" + candidateId + "/eligibility"), Map.of("documented", List.of(
                "FAILED_CONSERVATIVE_THERAPY_DOCUMENTED", "PSYCHOLOGICAL_EVALUATION_CLEARED", "NO_ACTIVE_INFECTION",
                "ANTICOAGULATION_PLAN", "INFORMED_CONSENT")));
        String trialId = api.post(url("trial-service", "/trials"), Map.of("candidateId", candidateId,
                "trialType", "SINGLE_BOLUS", "drug", "morphine", "dose", 0.3, "doseUnit", "mg", "baselineNrs", 8))
                .path("trialId").asText();
        int nrs = relieved ? 3 + random.nextInt(2) : 5 + random.nextInt(3);
        api.post(url("trial-service", "/trials/" + trialId + "/assessments"),
                Map.of("nrs", nrs, "minutesSinceDose", 120, "oralMmePerDay", 60));
        JsonNode decided = api.post(url("trial-service", "/trials/" + trialId + "/decision"), Map.of());
        return new TrialRun(trialId, decided.path("pathwayId").asText(), "PASSED".equals(decided.path("status").asText()));
    }

    private void implant(String pathwayId, String room, String surgeon, OffsetDateTime slot) {
        String caseId = api.await(url("implant-service", "/implant-cases?pathwayId=" + pathwayId),
                cases -> cases.size() == 1).get(0).path("caseId").asText();
        String cases = url("implant-service", "/implant-cases/" + caseId);
        api.post(cases + "/booking", Map.of("operatingRoomId", room, "surgeonId", surgeon, "start", slot.toString(),
                "durationMinutes", 120));
        api.put(cases + "/pre-op-checklist", Map.of("confirmed",
                List.of("CONSENT_SIGNED", "ANTICOAGULATION_HELD", "INFECTION_SCREEN_CLEAR", "IMAGING_REVIEWED")));
        OffsetDateTime ended = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);
        api.post(cases + "/completion", Map.of("catheterEntryLevel", "L2-L3", "catheterTipLevel", "T10",
                "pumpPocketSide", "RIGHT", "anesthesia", "SEDATION", "startedAt", ended.minusMinutes(90).toString(),
                "endedAt", ended.toString(), "device", Map.of("manufacturer", "Medtronic", "model", "SynchroMed II",
                        "serialNumber", "DEMO-" + caseId.substring(0, 8), "reservoirVolumeMl", 20)));
    }

    private void program(String pathwayId) {
        String therapyId = api.await(url("dosing-service", "/pump-therapies?pathwayId=" + pathwayId),
                therapies -> therapies.size() == 1).get(0).path("therapyId").asText();
        api.post(url("dosing-service", "/pump-therapies/" + therapyId + "/programs"), Map.of("drug", "morphine",
                "concentrationPerMl", 10, "concentrationUnit", "mg/mL", "dailyDose", 0.4, "dailyDoseUnit", "mg/d", "mode", "SIMPLE_CONTINUOUS"));
    }

    /** Every stage counted again, from what the four services answer for these pathways. */
    private Summary reported(List<TrialRun> trials) {
        int passed = 0, implanted = 0, programmed = 0, monitored = 0, escalated = 0;
        JsonNode openEscalations = api.getAll(url("followup-service", "/escalations?open=true&limit=200"));
        for (TrialRun trial : trials) {
            String pathwayId = trial.pathwayId();
            passed += "PASSED".equals(api.get(url("trial-service", "/trials/" + trial.trialId())).path("status").asText()) ? 1 : 0;
            JsonNode cases = api.get(url("implant-service", "/implant-cases?pathwayId=" + pathwayId));
            implanted += count(cases, c -> "COMPLETED".equals(c.path("status").asText()));
            for (JsonNode therapy : api.get(url("dosing-service", "/pump-therapies?pathwayId=" + pathwayId))) {
                String programs = url("dosing-service", "/pump-therapies/" + therapy.path("therapyId").asText() + "/programs");
                programmed += api.get(programs).size() > 0 ? 1 : 0;
            }
            JsonNode plans = api.get(url("followup-service", "/monitoring-plans?pathwayId=" + pathwayId));
            monitored += plans.size();
            for (JsonNode plan : plans) {
                String planId = plan.path("planId").asText();
                escalated += count(openEscalations, e -> planId.equals(e.path("planId").asText())) > 0 ? 1 : 0;
            }
        }
        return new Summary(trials.size(), passed, implanted, programmed, monitored, escalated);
    }

    private static int count(JsonNode items, java.util.function.Predicate<JsonNode> which) {
        int n = 0;
        for (JsonNode item : items) {
            n += which.test(item) ? 1 : 0;
        }
        return n;
    }

    private String url(String service, String path) {
        return platform.url(service) + path;
    }

    private static void progress(PrintStream out, int done, int total) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        out.printf("\r  [%s%s] %d/%d patients", "#".repeat(filled), ".".repeat(width - filled), done, total);
        out.flush();
    }

    public static void print(Result result, PrintStream out) {
        out.println("\n  source    patients  passed  implanted  programmed  monitored  escalated");
        out.println(result.driven().row("driven"));
        out.println(result.reported().row("REST"));
        out.println(result.driven().equals(result.reported())
                ? "\n  The services report exactly what was driven."
                : "\n  MISMATCH between what was driven and what the services report.");
    }
}
