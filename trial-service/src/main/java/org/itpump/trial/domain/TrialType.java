package org.itpump.trial.domain;

import java.time.Duration;

/**
 * How the trial drug is given, and how long assessments are accepted after the trial starts: a single
 * bolus is judged within a day, repeated boluses over three days, a continuous catheter infusion over five.
 */
public enum TrialType {
    SINGLE_BOLUS(Duration.ofHours(24)),
    REPEATED_BOLUS(Duration.ofHours(72)),
    CONTINUOUS_INFUSION(Duration.ofDays(5));

    private final Duration window;

    TrialType(Duration window) {
        this.window = window;
    }

    public Duration window() {
        return window;
    }
}
