package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.followup.domain.drug.IntrathecalDrugs;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The post-operative monitoring plan, derived entirely from the end time of the implant procedure (the
 * {@code procedureEndedAt} of implant.completed, not when the completion was typed), the hospital's zone, the
 * clinician's {@link PlanChoices} and the drug the pump was started with: store those (plus the discharge) and
 * rebuild the plan with {@link #restore}. Immutable.
 * <p>
 * Observation is elapsed time (hours after surgery). Weeks and days are calendar periods in the hospital's
 * zone, so a restriction ends at the same local wall-clock time as the surgery even across a DST change.
 */
public final class MonitoringPlan {

    /** Names the first-dose observation rule in refusals and in the published override. */
    public static final String OPIOID_OBSERVATION_RULE = "intrathecal-opioid-first-dose-observation";
    /** Hours of observation after the first intrathecal opioid dose (sources in {@link org.itpump.followup.domain.drug.IntrathecalDrugs}). */
    public static final int OPIOID_OBSERVATION_HOURS = 24;
    public static final String OPIOID_OBSERVATION_SOURCES = "Infumorph/Duramorph (preservative-free morphine) US prescribing"
            + " information, boxed warning: observation for at least 24 h after the first neuraxial dose in an equipped"
            + " setting; Medtronic SynchroMed II labeling: close monitoring for at least 24 h after the first pump dose";

    private final Instant procedureEndedAt;
    private final ZoneId hospitalZone;
    private final PlanChoices choices;
    private final String startedDrug;
    private final Instant dischargedAt;
    private final List<Restriction> restrictions;
    private final List<Visit> visits;

    private MonitoringPlan(Instant procedureEndedAt, ZoneId hospitalZone, PlanChoices choices, String startedDrug,
                           Instant dischargedAt) {
        this.procedureEndedAt = procedureEndedAt;
        this.hospitalZone = hospitalZone;
        this.choices = choices;
        this.startedDrug = startedDrug;
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

    /** @param procedureEndedAt when the implant procedure ended: every date of the plan counts from it */
    public static MonitoringPlan create(Instant procedureEndedAt, ZoneId hospitalZone, PlanChoices choices) {
        Objects.requireNonNull(procedureEndedAt, "procedureEndedAt");
        Objects.requireNonNull(hospitalZone, "hospitalZone");
        Objects.requireNonNull(choices, "choices");
        return new MonitoringPlan(procedureEndedAt, hospitalZone, choices, null, null);
    }

    /** Reloads a stored plan: the discharge was checked when it was recorded, so it is not checked again. */
    public static MonitoringPlan restore(Instant procedureEndedAt, ZoneId hospitalZone, PlanChoices choices,
                                         String startedDrugOrNull, Instant dischargedAtOrNull) {
        create(procedureEndedAt, hospitalZone, choices); // the same null checks
        return new MonitoringPlan(procedureEndedAt, hospitalZone, choices, IntrathecalDrugs.normalise(startedDrugOrNull),
                dischargedAtOrNull);
    }

    /** The drug the pump was first programmed with (dosing.pump-programmed), e.g. {@code morphine}. */
    public MonitoringPlan withStartedDrug(String drug) {
        Objects.requireNonNull(drug, "drug");
        return new MonitoringPlan(procedureEndedAt, hospitalZone, choices, IntrathecalDrugs.normalise(drug), dischargedAt);
    }

    private ZonedDateTime local() {
        return procedureEndedAt.atZone(hospitalZone);
    }

    /** A clinician's reason for discharging before the first-dose observation ended, and the rule it overrode. */
    public record ObservationOverride(String rule, String reason, String drug, int requiredHours, Instant requiredUntil) {
    }

    /** The plan with its discharge, and the override when one was needed. */
    public record Discharged(MonitoringPlan plan, Optional<ObservationOverride> override) {
    }

    /** {@link #recordDischarge(Instant, Instant, String)} without an override reason. */
    public MonitoringPlan recordDischarge(Instant dischargedAt, Instant now) {
        return recordDischarge(dischargedAt, now, null).plan();
    }

    /**
     * Discharge after observation. Refused (422) when in the future, before the chosen observation ends, before
     * {@value #OPIOID_OBSERVATION_HOURS} h when an intrathecal opioid was started (rule
     * {@value #OPIOID_OBSERVATION_RULE}, unless {@code overrideReason} is given), or on a day the stay does not
     * allow (same day: the surgery day; overnight: that day or the next). An opioid start makes the stay at
     * least overnight. 409 when already discharged.
     *
     * @param overrideReason a clinician's reason to discharge before the opioid observation ends; null or blank
     *                       for none. Ignored (not recorded) when no rule needed overriding.
     */
    public Discharged recordDischarge(Instant dischargedAt, Instant now, String overrideReason) {
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
        ObservationOverride override = null;
        Stay stay = choices.stay();
        if (opioidStarted()) {
            stay = stay.atLeast(Stay.OVERNIGHT); // the first dose's observation runs into the next day
            Instant until = opioidObservationEndsAt().orElseThrow();
            if (dischargedAt.isBefore(until)) {
                if (overrideReason == null || overrideReason.isBlank()) {
                    throw new RuleViolationException("Discharge at " + dischargedAt + " is before " + until + ": the pump"
                            + " was started with " + startedDrug + ", an intrathecal opioid, and its first dose needs at least "
                            + OPIOID_OBSERVATION_HOURS + " h of observation after the procedure (rule "
                            + OPIOID_OBSERVATION_RULE + "). A clinician may discharge earlier with an override reason.",
                            List.of("rule: " + OPIOID_OBSERVATION_RULE, "source: " + OPIOID_OBSERVATION_SOURCES));
                }
                override = new ObservationOverride(OPIOID_OBSERVATION_RULE, overrideReason.strip(), startedDrug,
                        OPIOID_OBSERVATION_HOURS, until);
            }
        }
        long daysAfter = ChronoUnit.DAYS.between(surgeryDay(), dischargedAt.atZone(hospitalZone).toLocalDate());
        if (daysAfter > stay.maxDaysAfterSurgery()) {
            throw new RuleViolationException(stay == Stay.SAME_DAY
                    ? "Discharge must be on the day of surgery, " + surgeryDay() + " in " + hospitalZone + ", was "
                    + dischargedAt.atZone(hospitalZone) + " (choose an OVERNIGHT or MULTI_DAY stay for a later discharge)"
                    : "An overnight stay ends on the day after surgery, " + surgeryDay().plusDays(1) + " in " + hospitalZone
                    + ", was " + dischargedAt.atZone(hospitalZone) + " (choose a MULTI_DAY stay)");
        }
        return new Discharged(new MonitoringPlan(procedureEndedAt, hospitalZone, choices, startedDrug, dischargedAt),
                Optional.ofNullable(override));
    }

    /** True when the pump was started with an intrathecal opioid (or a drug not known as a non-opioid). */
    public boolean opioidStarted() {
        return IntrathecalDrugs.needsOpioidObservation(startedDrug);
    }

    /** The end of the first-dose opioid observation, when an opioid was started. */
    public Optional<Instant> opioidObservationEndsAt() {
        return opioidStarted() ? Optional.of(procedureEndedAt.plus(Duration.ofHours(OPIOID_OBSERVATION_HOURS)))
                : Optional.empty();
    }

    /** The later of the chosen observation's end and, after an opioid start, the first-dose observation's end. */
    public Instant requiredObservationEndsAt() {
        Instant chosen = observationEndsAt();
        return opioidObservationEndsAt().filter(opioid -> opioid.isAfter(chosen)).orElse(chosen);
    }

    public Optional<String> startedDrug() {
        return Optional.ofNullable(startedDrug);
    }

    public LocalDate surgeryDay() {
        return local().toLocalDate();
    }

    public Instant observationEndsAt() {
        return procedureEndedAt.plus(Duration.ofHours(choices.observationHours()));
    }

    /** False when the required observation runs past midnight (a late surgery, or an opioid start). */
    public boolean sameDayDischargePossible() {
        return requiredObservationEndsAt().atZone(hospitalZone).toLocalDate().equals(surgeryDay());
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

    /**
     * After an explant for infection the wound and infection follow-up goes on for the plan's remaining window:
     * the wound check, the suture removal and the window's end stay; restrictions, the oral course and the
     * restriction review (which follow the pump) are cancelled.
     */
    public List<Milestone> woundFollowupMilestones() {
        return milestones().stream().filter(m -> m.kind() == MilestoneKind.MONITORING_WINDOW_ENDED
                || m.kind() == MilestoneKind.VISIT_DUE && !VisitKind.RESTRICTION_REVIEW.name().equals(m.subject())).toList();
    }

    public boolean windowEndedBy(Instant now) {
        return !now.isBefore(monitoringWindowEndsAt());
    }

    public Instant procedureEndedAt() {
        return procedureEndedAt;
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
