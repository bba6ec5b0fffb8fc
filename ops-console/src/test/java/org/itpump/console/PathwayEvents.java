package org.itpump.console;

import org.itpump.testing.ContractSamples;
import org.itpump.testing.EventSender;
import org.itpump.testing.PathwayTestResource;

import java.util.UUID;

/**
 * One patient's pathway as the four services publish it: contract-valid payloads (contracts/schemas), sent as
 * binary-mode CloudEvents to the real topics with the owning service as ce_source (chassis EventSender).
 */
public final class PathwayEvents implements AutoCloseable {

    public static final String TRIAL = "itpump.trial.events";
    public static final String IMPLANT = "itpump.implant.events";
    public static final String DOSING = "itpump.dosing.events";
    public static final String FOLLOWUP = "itpump.followup.events";

    public final String pathwayId = UUID.randomUUID().toString();
    public final String patientRef;
    public final String trialId = UUID.randomUUID().toString();
    public final String caseId = UUID.randomUUID().toString();
    public final String therapyId = UUID.randomUUID().toString();
    public final String planId = UUID.randomUUID().toString();
    public final String escalationId = UUID.randomUUID().toString();
    public final String roomId = UUID.randomUUID().toString();
    private final EventSender sender = new EventSender(PathwayTestResource.bootstrapServers());

    public PathwayEvents(String patientRef) {
        this.patientRef = patientRef;
    }

    /** Sends one event with a fresh ce_id; returns the ce_id. */
    public String send(String topic, String type, String json) {
        String id = UUID.randomUUID().toString();
        sender.sendCloudEvent(topic, id, type, pathwayId, json);
        return id;
    }

    public void send(String topic, String id, String type, String json) {
        sender.sendCloudEvent(topic, id, type, pathwayId, json);
    }

    /** trial.started (baseline NRS 7, morphine 0.3 mg) from the chassis' contract sample, for this patient. */
    public String trialStarted() {
        return ContractSamples.trialStarted(pathwayId, trialId).replace("\"PT-5\"", quoted(patientRef));
    }

    public String assessment(int nrs) {
        return """
                {"pathwayId":"%s","patientRef":"%s","trialId":"%s","assessmentId":"%s","nrs":%d,
                 "assessedAt":"2026-11-26T11:00:00Z","minutesSinceDose":120,"oralMmePerDay":60}"""
                .formatted(pathwayId, patientRef, trialId, UUID.randomUUID(), nrs);
    }

    public String trialPassed() {
        return ContractSamples.trialPassed(pathwayId, trialId).replace("\"PT-77\"", quoted(patientRef));
    }

    public String caseOpened() {
        return """
                {"pathwayId":"%s","patientRef":"%s","caseId":"%s","trialId":"%s","openedAt":"2026-11-26T12:00:00Z"}"""
                .formatted(pathwayId, patientRef, caseId, trialId);
    }

    /** implant.scheduled in Theatre 1 with Dr Lin, {@code start} for {@code minutes} (RFC 3339 instants). */
    public String scheduled(String start, String end, int minutes) {
        return """
                {"pathwayId":"%s","patientRef":"%s","caseId":"%s","bookingId":"%s","appointmentStatus":"BOOKED",
                 "start":"%s","end":"%s","durationMinutes":%d,
                 "operatingRoom":{"id":"%s","name":"Theatre 1"},"surgeon":{"id":"%s","name":"Dr Lin"},
                 "procedure":{"codingSystem":"http://snomed.info/sct","code":"433076003","description":"Implantation of intrathecal pump"}}"""
                .formatted(pathwayId, patientRef, caseId, UUID.randomUUID(), start, end, minutes, roomId, UUID.randomUUID());
    }

    public String refillDue(String therapy, String drug, String dueDate, String urgency, boolean withdrawalCritical) {
        return """
                {"pathwayId":"%s","patientRef":"%s","therapyId":"%s","drug":"%s","refillDueDate":"%s","urgency":"%s",
                 "withdrawalCritical":%s}"""
                .formatted(pathwayId, patientRef, therapy, drug, dueDate, urgency, withdrawalCritical);
    }

    public String escalated(String escalatedAt) {
        return """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","complicationId":"%s","escalationId":"%s",
                 "ruleId":"INFECTION_SYSTEMIC","urgency":"URGENT","suspicion":"pump pocket infection",
                 "action":"same-day review by the implanting team","escalatedAt":"%s"}"""
                .formatted(pathwayId, patientRef, planId, UUID.randomUUID(), escalationId, escalatedAt);
    }

    public String acknowledged(String by, String at) {
        return """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","escalationId":"%s","ruleId":"INFECTION_SYSTEMIC",
                 "urgency":"URGENT","acknowledgedBy":"%s","acknowledgedAt":"%s","alertCount":1}"""
                .formatted(pathwayId, patientRef, planId, escalationId, by, at);
    }

    public String visitDue(String visit, String dueAt) {
        return """
                {"pathwayId":"%s","patientRef":"%s","planId":"%s","visit":"%s","dueAt":"%s"}"""
                .formatted(pathwayId, patientRef, planId, visit, dueAt);
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }

    @Override
    public void close() {
        sender.close();
    }
}
