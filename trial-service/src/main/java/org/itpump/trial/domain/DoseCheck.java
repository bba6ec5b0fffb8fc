package org.itpump.trial.domain;

import java.util.List;
import java.util.Objects;

/**
 * What dosing-service found when it checked the trial's drug and dose against its drug library
 * (dosing.trial-dose-checked; the library is dosing-service's, not this service's). A HARD finding (a hard limit
 * exceeded, or a dose that could not be checked) holds the trial (see {@link DoseHold}); a SOFT one (above the
 * usual starting maximum) is only shown. Source of the rule: issue 12 section 6 (a 10 mg intrathecal morphine trial
 * bolus must not proceed unremarked).
 *
 * @param libraryVersion the drug library version that checked the dose
 * @param findings       empty when within limits
 */
public record DoseCheck(int libraryVersion, boolean withinLimits, List<Finding> findings) {

    /** The one limit that only informs; every other value (HARD, or one a newer producer adds) holds the trial. */
    public static final String SOFT = "SOFT";
    public static final String HARD = "HARD";

    /** One finding: its limit (HARD or SOFT), the rule it names (e.g. max-bolus-dose) and its text. */
    public record Finding(String limit, String rule, String text) {
        public Finding {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(text, "text");
        }

        public boolean hard() {
            return !SOFT.equals(limit);
        }
    }

    public DoseCheck {
        findings = List.copyOf(findings);
    }

    /**
     * The check as the event gives it. An event without findingDetails (a producer older than them) gives only
     * texts: then "not within limits" is taken as HARD for each (the conservative reading), and a check out of
     * limits with no text at all still holds the trial.
     *
     * @param texts   the findings' texts (dosing.trial-dose-checked findings)
     * @param details the findings with their limit and rule, or null
     */
    public static DoseCheck of(int libraryVersion, boolean withinLimits, List<String> texts, List<Finding> details) {
        if (details != null && !details.isEmpty()) {
            return new DoseCheck(libraryVersion, withinLimits, details);
        }
        if (withinLimits) {
            return new DoseCheck(libraryVersion, true, List.of());
        }
        List<String> said = texts == null || texts.isEmpty()
                ? List.of("dosing-service found the trial dose outside the drug library's limits") : texts;
        return new DoseCheck(libraryVersion, false, said.stream().map(text -> new Finding(HARD, "unclassified", text)).toList());
    }

    public List<Finding> hardFindings() {
        return findings.stream().filter(Finding::hard).toList();
    }

    public boolean hardLimitExceeded() {
        return !hardFindings().isEmpty();
    }
}
