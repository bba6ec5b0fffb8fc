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
 */
public record EscalationCondition(Set<ComplicationKind> kinds, Set<ClinicalFeature> allFeatures,
                                  Set<ClinicalFeature> anyFeatures, Set<ClinicalFeature> noneFeatures,
                                  Severity minSeverity) {

    public EscalationCondition {
        kinds = Set.copyOf(kinds);
        allFeatures = Set.copyOf(allFeatures);
        anyFeatures = Set.copyOf(anyFeatures);
        noneFeatures = Set.copyOf(noneFeatures);
    }

    public boolean statesNothing() {
        return kinds.isEmpty() && allFeatures.isEmpty() && anyFeatures.isEmpty() && noneFeatures.isEmpty()
                && minSeverity == null;
    }

    public boolean matches(ComplicationReport report) {
        return (kinds.isEmpty() || kinds.contains(report.kind()))
                && report.features().containsAll(allFeatures)
                && (anyFeatures.isEmpty() || anyFeatures.stream().anyMatch(report::has))
                && noneFeatures.stream().noneMatch(report::has)
                && (minSeverity == null || report.severity().isAtLeast(minSeverity));
    }
}
