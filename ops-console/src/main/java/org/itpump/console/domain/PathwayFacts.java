package org.itpump.console.domain;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a contract payload (contracts/schemas) into the timeline's words. Pain scores (NRS), doses, drugs,
 * volumes, complication details and suspicions go to the clinical detail only, never to the summary, because a
 * scheduler and ops read the summary (README role table: no NRS, doses or clinical free text).
 */
public final class PathwayFacts {

    private PathwayFacts() {
    }

    /** The fact of one event; a type without its own words is summarised by its name. */
    public static PathwayFact describe(String type, JsonNode p) {
        return switch (type) {
            case "trial.started" -> fact("Trial started (" + text(p, "trialType") + ")",
                    text(p, "drug") + " " + text(p, "dose") + " " + text(p, "doseUnit") + ", baseline NRS " + text(p, "baselineNrs"));
            case "trial.assessment-recorded" -> fact("Pain assessment recorded",
                    "NRS " + text(p, "nrs") + " at " + text(p, "minutesSinceDose") + " min");
            case "trial.dose-override-recorded" -> new PathwayFact("Trial dose hold overridden",
                    text(p, "reason"), text(p, "overriddenBy"));
            case "trial.passed" -> fact("Trial passed", "relief " + text(p, "reliefPercent") + " %, mean NRS "
                    + text(p, "meanAssessedNrs") + " from " + text(p, "baselineNrs"));
            case "trial.failed" -> fact("Trial failed", "relief " + text(p, "reliefPercent") + " %, mean NRS "
                    + text(p, "meanAssessedNrs") + " from " + text(p, "baselineNrs"));
            case "trial.cancelled" -> fact("Trial cancelled (" + text(p, "reason") + ")", null);
            case "implant.case-opened" -> fact("Implant case opened, awaiting scheduling", null);
            case "implant.scheduled" -> fact("Theatre booked: " + booking(p), null);
            case "implant.rescheduled" -> fact("Theatre rebooked: " + booking(p), null);
            case "implant.cancelled" -> fact("Theatre booking cancelled", text(p, "reason"));
            case "implant.pre-op-checklist-updated" -> new PathwayFact(p.path("complete").asBoolean()
                    ? "Pre-op checklist complete" : "Pre-op checklist: outstanding " + String.join(", ", items(p.path("outstanding"))),
                    null, text(p, "updatedBy"));
            case "implant.completed" -> fact("Pump implanted", text(p, "device", "model") + ", "
                    + text(p, "reservoirVolumeMl") + " mL reservoir, catheter tip " + text(p, "catheterTipLevel"));
            case "implant.explanted" -> fact("Pump explanted (" + text(p, "reason") + ")", null);
            case "implant.case-closed" -> fact("Implant case closed (" + text(p, "reason") + ")", null);
            case "dosing.trial-dose-checked" -> fact("Trial dose checked against the drug library",
                    text(p, "drug") + " " + text(p, "dose") + " " + text(p, "doseUnit")
                            + (p.path("withinLimits").asBoolean() ? ", within limits" : ", findings " + p.path("findings")));
            case "dosing.therapy-opened" -> fact("Pump therapy opened", null);
            case "dosing.pump-programmed" -> fact("Pump programmed", program(p.path("program")));
            case "dosing.dose-changed" -> fact("Dose changed", program(p.path("program")));
            case "dosing.limit-override" -> fact("Dose limit overridden", text(p, "drug") + " " + text(p, "dailyDose")
                    + " " + text(p, "doseUnit") + ": " + text(p, "reason"));
            case "dosing.refill-recorded" -> fact("Refill recorded, next due " + text(p, "refillDueDate"),
                    text(p, "volumeAddedMl") + " mL at " + text(p, "concentrationPerMl") + " per mL");
            case "dosing.refill-due" -> fact("Refill due " + text(p, "refillDueDate") + " (" + text(p, "urgency") + ")", text(p, "drug"));
            case "dosing.refill-overdue" -> fact("Refill overdue since " + text(p, "refillDueDate") + " (" + text(p, "urgency") + ")", text(p, "drug"));
            case "dosing.refill-overdue-acknowledged" -> fact("Overdue refill acknowledged", text(p, "reason"));
            case "dosing.refill-replanned" -> fact("Refill replanned, due " + text(p, "refillDueDate"), text(p, "drug"));
            case "dosing.therapy-ended" -> fact("Pump therapy ended (" + text(p, "reason") + ")", null);
            case "followup.monitoring-started" -> fact("Monitoring plan started", null);
            case "followup.patient-discharged" -> fact("Patient discharged", null);
            case "followup.visit-due" -> fact("Visit due: " + text(p, "visit"), null);
            case "followup.restriction-lifted" -> fact("Restriction lifted: " + text(p, "restriction"), null);
            case "followup.complication-reported" -> fact("Complication reported",
                    text(p, "kind") + " (" + text(p, "severity") + ")");
            case "followup.complication-escalated", "followup.explant-escalated" -> fact(
                    "Escalation raised (" + text(p, "urgency") + ")", text(p, "suspicion") + ": " + text(p, "action"));
            case "followup.escalation-realerted" -> fact("Escalation re-alerted (alert " + text(p, "alertNumber") + ")", null);
            case "followup.escalation-acknowledged" -> new PathwayFact("Escalation acknowledged", null, text(p, "acknowledgedBy"));
            case "followup.outcome-recorded" -> fact("Outcome recorded", "NRS " + text(p, "painNrs") + " from baseline "
                    + text(p, "baselineNrs"));
            case "followup.monitoring-closed" -> fact("Monitoring closed (" + text(p, "reason") + ")", null);
            case "followup.monitoring-completed" -> fact("Monitoring completed", null);
            default -> fact(type, null);
        };
    }

    private static PathwayFact fact(String summary, String clinicalDetail) {
        return new PathwayFact(summary, clinicalDetail, null);
    }

    private static String booking(JsonNode p) {
        return text(p, "operatingRoom", "name") + ", " + text(p, "start") + ", " + text(p, "surgeon", "name");
    }

    private static String program(JsonNode program) {
        return text(program, "drug") + " " + text(program, "dailyDose") + " " + text(program, "dailyDoseUnit");
    }

    private static String text(JsonNode node, String... path) {
        JsonNode at = node;
        for (String name : path) {
            at = at.path(name);
        }
        return at.isMissingNode() || at.isNull() ? "-" : at.asText();
    }

    private static java.util.List<String> items(JsonNode array) {
        java.util.List<String> items = new java.util.ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items;
    }
}
