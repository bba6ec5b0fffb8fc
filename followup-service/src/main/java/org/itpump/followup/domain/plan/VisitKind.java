package org.itpump.followup.domain.plan;

public enum VisitKind {
    WOUND_CHECK,
    SUTURE_REMOVAL,
    /** When the last restriction lifts: the seed's gradual return to normal activity "with input from their physician". */
    RESTRICTION_REVIEW
}
