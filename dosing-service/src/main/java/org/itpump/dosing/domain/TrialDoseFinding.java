package org.itpump.dosing.domain;

/**
 * One finding of the trial dose check: limit HARD (a hard limit, or the dose could not be checked) or SOFT
 * (above the usual starting maximum), the rule it names and its text.
 */
public record TrialDoseFinding(String limit, String rule, String text) {
    public static TrialDoseFinding hard(String rule, String text) {
        return new TrialDoseFinding("HARD", rule, text);
    }

    public static TrialDoseFinding soft(String rule, String text) {
        return new TrialDoseFinding("SOFT", rule, text);
    }
}
