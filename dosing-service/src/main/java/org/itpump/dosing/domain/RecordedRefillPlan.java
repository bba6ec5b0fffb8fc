package org.itpump.dosing.domain;

import org.itpump.chassis.time.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One refill plan as recorded (a {@link RefillPlan} of a refill under the program in force), written at a refill
 * and at every re-plan, never changed; the newest of a therapy is in force. It keeps the drug and whether it is
 * withdrawal-critical, so reminders need no library. previousRefillDueOn: the due date of the plan it replaced.
 */
public record RecordedRefillPlan(UUID id, UUID therapyId, UUID refillId, UUID programId, String reason, String drug,
                                 boolean withdrawalCritical, OffsetDateTime plannedAt, BigDecimal volumeLeftMl,
                                 OffsetDateTime alarmAt, OffsetDateTime emptyAt, int safetyMarginDays,
                                 LocalDate refillDueOn, LocalDate previousRefillDueOn,
                                 OffsetDateTime firstOverdueAlertAt) {

    /** Why a plan was made: at the refill itself. */
    public static final String PLANNED_AT_REFILL = "REFILLED";
    /** Why a plan was made: again, because the program changed. */
    public static final String REPLANNED_PROGRAM_CHANGED = "PROGRAM_CHANGED";

    static RecordedRefillPlan of(RecordedRefill refill, RecordedProgram program, RefillPlan plan, String reason,
                                 RecordedRefillPlan before) {
        return new RecordedRefillPlan(UUID.randomUUID(), refill.therapyId(), refill.id(), program.id(), reason,
                program.drug(), plan.withdrawalCritical(), Times.utc(plan.plannedAt()), plan.volumeLeftMl(),
                Times.utc(plan.alarmAt()), Times.utc(plan.emptyAt()), plan.safetyMarginDays(), plan.refillDueDate(),
                before == null ? null : before.refillDueOn(), Times.utc(plan.firstOverdueAlertAt()));
    }

    /** refill-due goes out this many days ahead of the due date, at the start of that day in the hospital's zone. */
    public Instant dueNoticeAt(int noticeDays, ZoneId hospitalZone) {
        return refillDueOn.minusDays(noticeDays).atStartOfDay(hospitalZone).toInstant();
    }

    /** The refill-due timer must move: a plan of another refill, or a due date that changed. */
    public boolean dueMovedFrom(RecordedRefillPlan before) {
        return before == null || !before.refillId.equals(refillId) || !before.refillDueOn.equals(refillDueOn);
    }

    /** The refill-overdue timer must move: a plan of another refill, or a first overdue alert that changed. */
    public boolean overdueAlertMovedFrom(RecordedRefillPlan before) {
        return before == null || !before.refillId.equals(refillId)
                || !before.firstOverdueAlertAt.isEqual(firstOverdueAlertAt);
    }

    /** An overdue reminder is URGENT for a withdrawal-critical drug (baclofen), else HIGH; a due one ROUTINE. */
    public String reminderUrgency(boolean overdue) {
        return overdue && withdrawalCritical ? "URGENT" : overdue ? "HIGH" : "ROUTINE";
    }
}
