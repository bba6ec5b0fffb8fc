package org.itpump.dosing.domain;

/** Where a refill stands on a given day. An overdue refill of a withdrawal-critical drug is urgent. */
public enum RefillStatus {
    SCHEDULED, DUE_TODAY, OVERDUE, OVERDUE_URGENT
}
