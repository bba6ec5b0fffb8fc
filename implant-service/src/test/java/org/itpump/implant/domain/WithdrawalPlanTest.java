package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 13: an explant planned in advance records its withdrawal plan (Lioresal boxed warning: no abrupt stop). */
class WithdrawalPlanTest {

    private static final LocalDate EXPLANT = LocalDate.of(2026, 11, 30);

    @Test
    void aTaperStartedTenDaysBeforeTheExplantIsKept() {
        WithdrawalPlan plan = WithdrawalPlan.recordedAt(WithdrawalPlan.Kind.TAPER, LocalDate.of(2026, 11, 20),
                "  IT baclofen 400 -> 200 mcg/day over 10 days  ", EXPLANT, EXPLANT);
        assertEquals(new WithdrawalPlan(WithdrawalPlan.Kind.TAPER, LocalDate.of(2026, 11, 20),
                "IT baclofen 400 -> 200 mcg/day over 10 days"), plan);
    }

    @Test
    void aPlanStartedOnTheExplantDayIsAccepted() {
        WithdrawalPlan plan = WithdrawalPlan.recordedAt(WithdrawalPlan.Kind.ORAL_BRIDGE, EXPLANT, " ", EXPLANT, EXPLANT);
        assertEquals(EXPLANT, plan.startedOn());
        assertNull(plan.detail(), "a blank detail is none");
    }

    @Test
    void aPlanStartingTomorrowIsInTheFuture() {
        var refused = assertThrows(RuleViolationException.class, () -> WithdrawalPlan.recordedAt(
                WithdrawalPlan.Kind.TAPER_AND_ORAL_BRIDGE, EXPLANT.plusDays(1), null, EXPLANT, EXPLANT));
        assertEquals("The withdrawal plan cannot start in the future (2026-12-01 is after today, 2026-11-30)",
                refused.getMessage());
    }

    @Test
    void aPlanStartingAfterTheExplantIsRefused() {
        // an explant dated yesterday: a plan started today begins after the pump was already out
        var refused = assertThrows(RuleViolationException.class, () -> WithdrawalPlan.recordedAt(
                WithdrawalPlan.Kind.TAPER, EXPLANT, null, EXPLANT.minusDays(1), EXPLANT));
        assertEquals("The withdrawal plan must start on or before the explant (2026-11-30 is after 2026-11-29)",
                refused.getMessage());
    }

    @Test
    void theDetailIsAtMost500Characters() {
        WithdrawalPlan.recordedAt(WithdrawalPlan.Kind.TAPER, EXPLANT, "x".repeat(500), EXPLANT, EXPLANT);
        var refused = assertThrows(RuleViolationException.class, () -> WithdrawalPlan.recordedAt(
                WithdrawalPlan.Kind.TAPER, EXPLANT, "x".repeat(501), EXPLANT, EXPLANT));
        assertEquals("The withdrawal plan's detail is at most 500 characters, was 501", refused.getMessage());
    }
}
