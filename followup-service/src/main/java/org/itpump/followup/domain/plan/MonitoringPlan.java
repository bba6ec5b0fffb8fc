package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The post-operative monitoring plan, derived entirely from the implant completion time, the hospital's
 * zone and the clinician's {@link PlanChoices}: store those three (plus the discharge) and rebuild the plan
 * with {@link #create}. Immutable.
 * <p>
 * Observation is elapsed time (hours after surgery). Weeks and days are calendar periods in the hospital's
 * zone, so a restriction ends at the same local wall-clock time as the surgery even across a DST change.
 */
public final class MonitoringPlan {

    private final Instant implantCompletedAt;
    private final ZoneId hospitalZone;
    private final PlanChoices choices;
    private final Instant dischargedAt;
    private final List<Restriction> restrictions;
    private final List<Visit> visits;

    private MonitoringPlan(Instant implantCompletedAt, ZoneId hospitalZone, PlanChoices choices, Instant dischargedAt) {
        this.implantCompletedAt = implantCompletedAt;
        this.hospitalZone = hospitalZone;
        this.choices = choices;
        this.dischargedAt = dischargedAt;
        List<Restriction> restricted = new ArrayList<>();
        for (RestrictionKind kind : RestrictionKind.values()) {
            int weeks = kind.isActivity() ? choices.activityRestrictionWeeks() : choices.drivingRestrictionWeeks();
            restricted.add(new Restriction(kind, local().plusWeeks(weeks).toInstant()));
        }
        this.restrictions = List.copyOf(restricted);
        // The review falls when the last restriction lifts (driving may outlast a short activity restriction).
        Instant lastRestrictionEndsAt = restrictions.stream().map(Restriction::endsAt).max(Comparator.naturalOrder()).orElseThrow();
        this.visits = List.of(
                new Visit(VisitKind.WOUND_CHECK, local().plusDays(choices.woundCheckDay()).toInstant()),
                new Visit(VisitKind.SUTURE_REMOVAL, local().plusDays(choices.sutureRemovalDay()).toInstant()),
                new Visit(VisitKind.RESTRICTION_REVIEW, lastRestrictionEndsAt));
    }

    public static MonitoringPlan create(Instant implantCompletedAt, ZoneId hospitalZone, PlanChoices choices) {
        Objects.requireNonNull(implantCompletedAt, "implantCompletedAt");
        Objects.requireNonNull(hospitalZone, "hospitalZone");
        Objects.requireNonNull(choices, "choices");
        return new MonitoringPlan(implantCompletedAt, hospitalZone, choices, null);
    }

    /** Reloads a stored plan: the discharge was checked when it was recorded, so it is not checked again. */
    public static MonitoringPlan restore(Instant implantCompletedAt, ZoneId hospitalZone, PlanChoices choices,
                                         Instant dischargedAtOrNull) {
        MonitoringPlan plan = create(implantCompletedAt, hospitalZone, choices);
        return dischargedAtOrNull == null ? plan
                : new MonitoringPlan(implantCompletedAt, hospitalZone, choices, dischargedAtOrNull);
    }

    private ZonedDateTime local() {
        return implantCompletedAt.atZone(hospitalZone);
    }

    /**
     * Same-day discharge after observation: at or after the end of observation and on the surgery's calendar
     * day in the hospital's zone. A patient who cannot leave that day is an admission, not this pathway.
     */
    public MonitoringPlan recordDischarge(Instant dischargedAt, Instant now) {
        Objects.requireNonNull(dischargedAt, "dischargedAt");
        if (this.dischargedAt != null) {
            throw new StateConflictException("The patient was already discharged at " + this.dischargedAt);
        }
        if (dischargedAt.isAfter(now)) {
            throw new RuleViolationException("A discharge cannot be recorded in the future: " + dischargedAt);
        }
        if (dischargedAt.isBefore(observationEndsAt())) {
            throw new RuleViolationException("Discharge at " + dischargedAt + " is before the end of the "
                    + choices.observationHours() + " h observation at " + observationEndsAt());
        }
        if (!surgeryDay().equals(dischargedAt.atZone(hospitalZone).toLocalDate())) {
            throw new RuleViolationException("Discharge must be on the day of surgery, " + surgeryDay() + " in "
                    + hospitalZone + ", was " + dischargedAt.atZone(hospitalZone));
        }
        return new MonitoringPlan(implantCompletedAt, hospitalZone, choices, dischargedAt);
    }

    public LocalDate surgeryDay() {
        return local().toLocalDate();
    }

    public Instant observationEndsAt() {
        return implantCompletedAt.plus(Duration.ofHours(choices.observationHours()));
    }

    /** False when surgery ended so late that observation runs past midnight. */
    public boolean sameDayDischargePossible() {
        return observationEndsAt().atZone(hospitalZone).toLocalDate().equals(surgeryDay());
    }

    public Instant oralMedicationEndsAt() {
        return local().plusWeeks(choices.oralMedicationWeeks()).toInstant();
    }

    public Instant monitoringWindowEndsAt() {
        return local().plusWeeks(choices.monitoringWindowWeeks()).toInstant();
    }

    public Restriction restriction(RestrictionKind kind) {
        return restrictions.stream().filter(r -> r.kind() == kind).findFirst().orElseThrow();
    }

    public Visit visit(VisitKind kind) {
        return visits.stream().filter(v -> v.kind() == kind).findFirst().orElseThrow();
    }

    /** Every timer of the plan, in time order. */
    public List<Milestone> milestones() {
        List<Milestone> all = new ArrayList<>();
        restrictions.forEach(r -> all.add(new Milestone(MilestoneKind.RESTRICTION_LIFTED, r.kind().name(), r.endsAt())));
        all.add(new Milestone(MilestoneKind.ORAL_MEDICATION_COURSE_ENDED, "ORAL_PAIN_MEDICATION", oralMedicationEndsAt()));
        visits.forEach(v -> all.add(new Milestone(MilestoneKind.VISIT_DUE, v.kind().name(), v.dueAt())));
        all.add(new Milestone(MilestoneKind.MONITORING_WINDOW_ENDED, "MONITORING_WINDOW", monitoringWindowEndsAt()));
        all.sort(Milestone.CHRONOLOGICAL);
        return List.copyOf(all);
    }

    /**
     * What became due in (since, now]: half-open, so polling with the previous {@code now} as the next
     * {@code since} neither misses nor repeats a milestone.
     */
    public List<Milestone> dueBetween(Instant since, Instant now) {
        if (now.isBefore(since)) {
            throw new IllegalArgumentException("now " + now + " is before since " + since);
        }
        return milestones().stream().filter(m -> m.at().isAfter(since) && !m.at().isAfter(now)).toList();
    }

    public boolean windowEndedBy(Instant now) {
        return !now.isBefore(monitoringWindowEndsAt());
    }

    public Instant implantCompletedAt() {
        return implantCompletedAt;
    }

    public ZoneId hospitalZone() {
        return hospitalZone;
    }

    public PlanChoices choices() {
        return choices;
    }

    public Optional<Instant> dischargedAt() {
        return Optional.ofNullable(dischargedAt);
    }

    public List<Restriction> restrictions() {
        return restrictions;
    }

    public List<Visit> visits() {
        return visits;
    }
}
