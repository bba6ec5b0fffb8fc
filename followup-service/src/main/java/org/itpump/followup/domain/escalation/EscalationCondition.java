package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;

import java.util.Set;

/**
 * The "when" of a rule: every stated part must hold; an empty set or a null severity states nothing.
 *
 * @param kinds        the report is one of these kinds
 * @param allFeatures  the report has every one of these
 * @param anyFeatures  the report has at least one of these
 * @param noneFeatures the report has none of these (e.g. "increased pain alone")
 * @param minSeverity  the report is at least this severe
 * @param drugs        the pump's drug (dosing-service code, lower case) is one of these; an unknown drug matches none
 */
public record EscalationCondition(Set<ComplicationKind> kinds, Set<ClinicalFeature> allFeatures,
                                  Set<ClinicalFeature> anyFeatures, Set<ClinicalFeature> noneFeatures,
                                  Severity minSeverity, Set<String> drugs) {

    public EscalationCondition {
        kinds = Set.copyOf(kinds);
        allFeatures = Set.copyOf(allFeatures);
        anyFeatures = Set.copyOf(anyFeatures);
        noneFeatures = Set.copyOf(noneFeatures);
        drugs = Set.copyOf(drugs);
    }

    public EscalationCondition(Set<ComplicationKind> kinds, Set<ClinicalFeature> allFeatures,
                               Set<ClinicalFeature> anyFeatures, Set<ClinicalFeature> noneFeatures, Severity minSeverity) {
        this(kinds, allFeatures, anyFeatures, noneFeatures, minSeverity, Set.of());
    }

    /** A drug condition alone still states nothing about the report, so it does not count here. */
    public boolean statesNothing() {
        return kinds.isEmpty() && allFeatures.isEmpty() && anyFeatures.isEmpty() && noneFeatures.isEmpty()
                && minSeverity == null;
    }

    public boolean matches(ComplicationReport report) {
        return matches(report, EscalationContext.UNKNOWN);
    }

    public boolean matches(ComplicationReport report, EscalationContext context) {
        return (kinds.isEmpty() || kinds.contains(report.kind()))
                && report.features().containsAll(allFeatures)
                && (anyFeatures.isEmpty() || anyFeatures.stream().anyMatch(report::has))
                && noneFeatures.stream().noneMatch(report::has)
                && (minSeverity == null || report.severity().isAtLeast(minSeverity))
                && (drugs.isEmpty() || context.pumpDrug() != null && drugs.contains(context.pumpDrug()));
    }
}
