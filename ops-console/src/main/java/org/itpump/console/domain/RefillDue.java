package org.itpump.console.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** A pump waiting for its refill (dosing.refill-due, then dosing.refill-overdue), until refilled or explanted. */
public record RefillDue(UUID therapyId, UUID pathwayId, String patientRef, String drug, LocalDate refillDueDate,
                        String urgency, boolean withdrawalCritical, boolean overdue) {

    private static final List<String> URGENCY = List.of("URGENT", "HIGH", "ROUTINE");

    /**
     * The refill worklist's order: URGENT before HIGH before ROUTINE (dosing-service's urgency); within one urgency,
     * withdrawal-critical drugs first, because an empty baclofen pump risks life-threatening withdrawal (Lioresal
     * Intrathecal label, boxed warning on abrupt discontinuation); then overdue before due; then the earliest due date.
     */
    public static final Comparator<RefillDue> WORKLIST_ORDER = Comparator
            .comparingInt((RefillDue refill) -> rank(refill.urgency()))
            .thenComparing(refill -> !refill.withdrawalCritical())
            .thenComparing(refill -> !refill.overdue())
            .thenComparing(RefillDue::refillDueDate)
            .thenComparing(RefillDue::therapyId);

    private static int rank(String urgency) {
        int rank = URGENCY.indexOf(urgency);
        return rank < 0 ? URGENCY.size() : rank;
    }
}
