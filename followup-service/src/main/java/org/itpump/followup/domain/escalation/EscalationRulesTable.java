package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.Severity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the escalation rules as the Markdown table of {@code docs/escalation-rules.md}, for clinical review:
 * one row per rule of the file, then the explant rule ({@link ExplantRisk}). {@code EscalationRulesDocTest}
 * fails when the document and the rules differ.
 */
public final class EscalationRulesTable {

    private EscalationRulesTable() {
    }

    public static String markdown(EscalationRules rules) {
        List<String> out = new ArrayList<>();
        out.add("# Escalation rules");
        out.add("");
        out.add("Generated from `followup-service/src/main/resources/escalation/escalation-rules.json` and `ExplantRisk`;"
                + " do not edit by hand. `EscalationRulesDocTest` fails when this table and the rules differ; to"
                + " regenerate it run that test with `-Ditpump.docs.write=true`.");
        out.add("");
        out.add("Every matching rule escalates; the most urgent come first. An escalation is re-alerted at its interval"
                + " until a clinician acknowledges it (the acknowledging clinician is the caller's token, never the"
                + " request body). Urgency: EMERGENCY now, URGENT same day by the implanting team, ROUTINE at the next"
                + " visit or within days. \"MRI advice\": the pump model's MRI advice (valve-gated Prometra: empty the"
                + " reservoir before; peristaltic SynchroMed: check the pump after) is added to the action.");
        out.add("");
        out.add("| rule | when | urgency | re-alert every | suspicion | action | why | source |");
        out.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (EscalationRule rule : rules.rules()) {
            out.add(row(rule.id(), when(rule.when()), urgency(rule.urgency(), rule.urgencyBySeverity()),
                    minutes(rule.reAlertEvery()), rule.suspicion(), rule.action() + (rule.mri() ? " + MRI advice" : ""),
                    rule.why(), rule.source()));
        }
        out.add(row(ExplantRisk.RULE_ID, ExplantRisk.WHEN,
                ExplantRisk.URGENCY.name(), minutes(ExplantRisk.URGENCY.defaultReAlertEvery()), ExplantRisk.SUSPICION,
                ExplantRisk.ACTION + " With a withdrawal plan recorded on the explant: "
                        + ExplantRisk.ACTION_WITH_PLAN.formatted("{kind} since {day} - {detail}"),
                ExplantRisk.WHY, ExplantRisk.SOURCE));
        return String.join("\n", out) + "\n";
    }

    private static String when(EscalationCondition c) {
        List<String> parts = new ArrayList<>();
        if (!c.kinds().isEmpty()) {
            parts.add("kind is " + sorted(c.kinds(), " or "));
        }
        if (!c.allFeatures().isEmpty()) {
            parts.add("with all of " + sorted(c.allFeatures(), ", "));
        }
        if (!c.anyFeatures().isEmpty()) {
            parts.add("with any of " + sorted(c.anyFeatures(), ", "));
        }
        if (!c.noneFeatures().isEmpty()) {
            parts.add("with none of " + sorted(c.noneFeatures(), ", "));
        }
        if (c.minSeverity() != null) {
            parts.add("severity at least " + c.minSeverity());
        }
        if (!c.drugs().isEmpty()) {
            parts.add("pump drug is " + sorted(c.drugs(), " or "));
        }
        return String.join("; ", parts);
    }

    private static String urgency(Urgency urgency, Map<Severity, Urgency> bySeverity) {
        if (bySeverity.isEmpty()) {
            return urgency.name();
        }
        return urgency.name() + " (" + bySeverity.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }

    private static String minutes(Duration every) {
        return every.toMinutes() + " min";
    }

    private static String sorted(Collection<?> values, String separator) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(separator));
    }

    private static String row(String... cells) {
        List<String> escaped = new ArrayList<>();
        for (String cell : cells) {
            escaped.add(cell.replace("|", "\\|").replace("\n", " "));
        }
        return "| " + String.join(" | ", escaped) + " |";
    }
}
