package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.time.LocalDate;
import java.util.Objects;

/**
 * How the pump's drug is withdrawn when an explant was planned in advance (issue 13): a taper of the intrathecal
 * dose, an oral bridge (e.g. oral baclofen), or both, started on {@code startedOn} (a day in the hospital's zone).
 * Why: the Lioresal Intrathecal (baclofen) US prescribing information's boxed warning on abrupt discontinuation;
 * withdrawal can still happen despite a bridge, so recording a plan does not lower the explant escalation.
 *
 * @param detail free text (drug, doses, who follows it), at most 500 characters, may be null
 */
public record WithdrawalPlan(Kind kind, LocalDate startedOn, String detail) {

    public enum Kind { TAPER, ORAL_BRIDGE, TAPER_AND_ORAL_BRIDGE }

    public static final int MAX_DETAIL = 500;

    /**
     * A plan recorded with the explant on {@code explantDate}: 422 when it starts after the explant or in the
     * future (a plan recorded at the explant is one already in place), or its detail is over 500 characters.
     */
    public static WithdrawalPlan recordedAt(Kind kind, LocalDate startedOn, String detail, LocalDate explantDate,
                                            LocalDate today) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedOn, "startedOn");
        if (startedOn.isAfter(today)) {
            throw new RuleViolationException("The withdrawal plan cannot start in the future (" + startedOn
                    + " is after today, " + today + ")");
        }
        if (startedOn.isAfter(explantDate)) {
            throw new RuleViolationException("The withdrawal plan must start on or before the explant (" + startedOn
                    + " is after " + explantDate + ")");
        }
        String text = detail == null || detail.isBlank() ? null : detail.strip();
        if (text != null && text.length() > MAX_DETAIL) {
            throw new RuleViolationException("The withdrawal plan's detail is at most " + MAX_DETAIL + " characters, was "
                    + text.length());
        }
        return new WithdrawalPlan(kind, startedOn, text);
    }
}
