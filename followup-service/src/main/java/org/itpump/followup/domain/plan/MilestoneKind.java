package org.itpump.followup.domain.plan;

/** Declared in the order milestones falling at the same instant are listed. */
public enum MilestoneKind {
    RESTRICTION_LIFTED, ORAL_MEDICATION_COURSE_ENDED, VISIT_DUE, MONITORING_WINDOW_ENDED
}
