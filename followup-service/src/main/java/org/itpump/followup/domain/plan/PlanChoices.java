package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;

import java.util.ArrayList;
import java.util.List;

/**
 * What the clinician decides for one patient's post-operative care; every value is checked against the
 * ranges the pathway allows, and a refusal names the allowed range. {@link #DEFAULTS} is the pathway
 * standard; the {@code with...} methods change one choice and check again.
 *
 * @param observationHours          observation after surgery before discharge: the seed's "a few hours" (up to 8)
 *                                  for a same-day stay, up to 72 h for an overnight or multi-day stay
 * @param activityRestrictionWeeks  no bending, stretching, stair climbing or strenuous exercise ("up to 8 weeks")
 * @param drivingRestrictionWeeks   no driving ("2 to 4 weeks")
 * @param oralMedicationWeeks       oral pain medication ("the first few weeks")
 * @param woundCheckDay             days after surgery
 * @param sutureRemovalDay          days after surgery (sutures or staples)
 * @param monitoringWindowWeeks     end of post-operative monitoring
 * @param stay                      same day (default), overnight or multi-day: bounds the observation and the
 *                                  discharge day ({@link Stay})
 */
public record PlanChoices(int observationHours, int activityRestrictionWeeks, int drivingRestrictionWeeks,
                          int oralMedicationWeeks, int woundCheckDay, int sutureRemovalDay, int monitoringWindowWeeks,
                          Stay stay) {

    public static final Range OBSERVATION_HOURS = new Range(1, 72, "observation", "hours");
    public static final Range ACTIVITY_RESTRICTION_WEEKS = new Range(1, 8, "activity restriction", "weeks");
    public static final Range DRIVING_RESTRICTION_WEEKS = new Range(2, 4, "driving restriction", "weeks");
    public static final Range ORAL_MEDICATION_WEEKS = new Range(1, 6, "oral pain medication", "weeks");
    public static final Range WOUND_CHECK_DAY = new Range(5, 9, "wound check", "days after surgery");
    public static final Range SUTURE_REMOVAL_DAY = new Range(10, 14, "suture/staple removal", "days after surgery");
    public static final Range MONITORING_WINDOW_WEEKS = new Range(1, 52, "monitoring window", "weeks");

    /** Driving defaults to the cautious end of the seed's 2-4 weeks; the clinician shortens it. */
    public static final PlanChoices DEFAULTS = new PlanChoices(4, 8, 4, 3, 7, 14, 12, Stay.SAME_DAY);

    /** An inclusive range of whole units. */
    public record Range(int min, int max, String what, String unit) {
        boolean contains(int value) {
            return value >= min && value <= max;
        }

        String refusal(int value) {
            return what + " must be " + min + " to " + max + " " + unit + ", was " + value;
        }
    }

    /** A same-day stay with these choices. */
    public PlanChoices(int observationHours, int activityRestrictionWeeks, int drivingRestrictionWeeks,
                       int oralMedicationWeeks, int woundCheckDay, int sutureRemovalDay, int monitoringWindowWeeks) {
        this(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks, woundCheckDay,
                sutureRemovalDay, monitoringWindowWeeks, Stay.SAME_DAY);
    }

    public PlanChoices {
        List<String> problems = new ArrayList<>();
        if (stay == null) {
            problems.add("stay must be one of SAME_DAY, OVERNIGHT, MULTI_DAY");
        }
        check(OBSERVATION_HOURS, observationHours, problems);
        if (stay != null && OBSERVATION_HOURS.contains(observationHours) && observationHours > stay.maxObservationHours()) {
            problems.add("observation of " + observationHours + " hours needs a longer stay: " + stay + " allows up to "
                    + stay.maxObservationHours() + " hours");
        }
        check(ACTIVITY_RESTRICTION_WEEKS, activityRestrictionWeeks, problems);
        check(DRIVING_RESTRICTION_WEEKS, drivingRestrictionWeeks, problems);
        check(ORAL_MEDICATION_WEEKS, oralMedicationWeeks, problems);
        check(WOUND_CHECK_DAY, woundCheckDay, problems);
        check(SUTURE_REMOVAL_DAY, sutureRemovalDay, problems);
        check(MONITORING_WINDOW_WEEKS, monitoringWindowWeeks, problems);
        // Monitoring must still be running when the last restriction, course or visit falls due.
        int lastItemDays = 7 * Math.max(Math.max(activityRestrictionWeeks, drivingRestrictionWeeks), oralMedicationWeeks);
        lastItemDays = Math.max(lastItemDays, sutureRemovalDay);
        if (7 * monitoringWindowWeeks < lastItemDays) {
            problems.add("monitoring window of " + monitoringWindowWeeks + " weeks ends before the last restriction,"
                    + " medication course or visit (day " + lastItemDays + ")");
        }
        if (!problems.isEmpty()) {
            throw new RuleViolationException(String.join("; ", problems), problems);
        }
    }

    private static void check(Range range, int value, List<String> problems) {
        if (!range.contains(value)) {
            problems.add(range.refusal(value));
        }
    }

    public PlanChoices withObservationHours(int hours) {
        return new PlanChoices(hours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public PlanChoices withActivityRestrictionWeeks(int weeks) {
        return new PlanChoices(observationHours, weeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public PlanChoices withDrivingRestrictionWeeks(int weeks) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, weeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public PlanChoices withOralMedicationWeeks(int weeks) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, weeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public PlanChoices withWoundCheckDay(int day) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                day, sutureRemovalDay, monitoringWindowWeeks, stay);
    }

    public PlanChoices withSutureRemovalDay(int day) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, day, monitoringWindowWeeks, stay);
    }

    public PlanChoices withMonitoringWindowWeeks(int weeks) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, weeks, stay);
    }

    public PlanChoices withStay(Stay newStay) {
        return new PlanChoices(observationHours, activityRestrictionWeeks, drivingRestrictionWeeks, oralMedicationWeeks,
                woundCheckDay, sutureRemovalDay, monitoringWindowWeeks, newStay);
    }
}
