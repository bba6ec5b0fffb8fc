package org.itpump.followup.domain.outcome;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One post-operative outcome measurement: the seed's "decrease in pain, rigidity and muscle spasms" and
 * "dependence on oral pain medication". Scores are 0-10 (0 none, 10 worst). New assessments go through
 * {@link #recorded}, which also checks the time; the constructor checks the values.
 */
public record OutcomeAssessment(Instant assessedAt, int painNrs, int rigidityScore, int spasmScore,
                                BigDecimal oralMmePerDay) {

    public OutcomeAssessment {
        Objects.requireNonNull(assessedAt, "assessedAt");
        Objects.requireNonNull(oralMmePerDay, "oralMmePerDay (0 when the patient takes none)");
        List<String> problems = new ArrayList<>();
        checkScore("pain NRS", painNrs, problems);
        checkScore("rigidity score", rigidityScore, problems);
        checkScore("spasm score", spasmScore, problems);
        if (oralMmePerDay.signum() < 0) {
            problems.add("oral MME per day cannot be negative, was " + oralMmePerDay.toPlainString());
        }
        if (!problems.isEmpty()) {
            throw new RuleViolationException(String.join("; ", problems), problems);
        }
    }

    /** An outcome of the implant is measured after it and not in the future. */
    public static OutcomeAssessment recorded(Instant assessedAt, int painNrs, int rigidityScore, int spasmScore,
                                             BigDecimal oralMmePerDay, Instant procedureEndedAt, Instant now) {
        if (assessedAt.isAfter(now)) {
            throw new RuleViolationException("An outcome cannot be assessed in the future: " + assessedAt);
        }
        if (assessedAt.isBefore(procedureEndedAt)) {
            throw new RuleViolationException("Outcome assessed at " + assessedAt + ", before the implant procedure ended at "
                    + procedureEndedAt);
        }
        return new OutcomeAssessment(assessedAt, painNrs, rigidityScore, spasmScore, oralMmePerDay);
    }

    static void requireScore(String what, int score) {
        List<String> problems = new ArrayList<>();
        checkScore(what, score, problems);
        if (!problems.isEmpty()) {
            throw new RuleViolationException(problems.get(0));
        }
    }

    private static void checkScore(String what, int score, List<String> problems) {
        if (score < 0 || score > 10) {
            problems.add(what + " must be 0 to 10, was " + score);
        }
    }
}
