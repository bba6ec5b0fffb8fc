package org.itpump.followup.domain.plan;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.itpump.followup.domain.plan.PlanChoices.DEFAULTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringPlanTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 10:00 in Paris (CET); summer time starts on 29 March 2026, inside every restriction. */
    private static final Instant SURGERY = Instant.parse("2026-03-20T09:00:00Z");
    private static final Instant MUCH_LATER = Instant.parse("2027-01-01T00:00:00Z");

    private static Instant paris(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    @Test
    void theDefaultPlanFallsOnLocalCalendarDates() {
        MonitoringPlan plan = MonitoringPlan.create(SURGERY, PARIS, DEFAULTS);
        assertEquals(LocalDate.parse("2026-03-20"), plan.surgeryDay());
        assertEquals(Instant.parse("2026-03-20T13:00:00Z"), plan.observationEndsAt(), "4 hours");
        // weeks are calendar weeks: 10:00 local on both sides of the DST change, so one hour less in UTC
        Instant eightWeeks = paris("2026-05-15T10:00");
        assertEquals(Instant.parse("2026-05-15T08:00:00Z"), eightWeeks);
        for (RestrictionKind kind : List.of(RestrictionKind.NO_BENDING, RestrictionKind.NO_STRETCHING,
                RestrictionKind.NO_STAIR_CLIMBING, RestrictionKind.NO_STRENUOUS_EXERCISE)) {
            assertEquals(eightWeeks, plan.restriction(kind).endsAt(), kind.name());
        }
        assertEquals(paris("2026-04-17T10:00"), plan.restriction(RestrictionKind.NO_DRIVING).endsAt(), "4 weeks");
        assertEquals(paris("2026-04-10T10:00"), plan.oralMedicationEndsAt(), "3 weeks");
        assertEquals(paris("2026-03-27T10:00"), plan.visit(VisitKind.WOUND_CHECK).dueAt(), "day 7");
        assertEquals(paris("2026-04-03T10:00"), plan.visit(VisitKind.SUTURE_REMOVAL).dueAt(), "day 14");
        assertEquals(eightWeeks, plan.visit(VisitKind.RESTRICTION_REVIEW).dueAt(), "when the activity restriction ends");
        assertEquals(paris("2026-06-12T10:00"), plan.monitoringWindowEndsAt(), "12 weeks");
        assertEquals(5, plan.restrictions().size());
        assertEquals(3, plan.visits().size());
        assertEquals(Optional.empty(), plan.dischargedAt());
    }

    @Test
    void drivingEndsAfterTheChosenTwoToFourWeeks() {
        assertEquals(paris("2026-04-03T10:00"), MonitoringPlan.create(SURGERY, PARIS, DEFAULTS.withDrivingRestrictionWeeks(2))
                .restriction(RestrictionKind.NO_DRIVING).endsAt());
        assertEquals(paris("2026-04-17T10:00"), MonitoringPlan.create(SURGERY, PARIS, DEFAULTS.withDrivingRestrictionWeeks(4))
                .restriction(RestrictionKind.NO_DRIVING).endsAt());
    }

    @Test
    void theReviewFollowsTheLastRestrictionEvenWhenItIsDriving() {
        MonitoringPlan plan = MonitoringPlan.create(SURGERY, PARIS, DEFAULTS.withActivityRestrictionWeeks(1));
        assertEquals(paris("2026-03-27T10:00"), plan.restriction(RestrictionKind.NO_BENDING).endsAt());
        assertEquals(plan.restriction(RestrictionKind.NO_DRIVING).endsAt(), plan.visit(VisitKind.RESTRICTION_REVIEW).dueAt());
    }

    @Test
    void aRestrictionIsInForceUntilItsEnd() {
        Restriction driving = MonitoringPlan.create(SURGERY, PARIS, DEFAULTS).restriction(RestrictionKind.NO_DRIVING);
        assertTrue(driving.inForceAt(driving.endsAt().minusSeconds(1)));
        assertFalse(driving.inForceAt(driving.endsAt()));
    }

    // ---- discharge ----

    /** 14:00 in New York on 1 July (EDT, UTC-4): observation until 18:00 local. */
    private static final Instant NY_SURGERY = Instant.parse("2026-07-01T18:00:00Z");
    private static final MonitoringPlan NY_PLAN = MonitoringPlan.create(NY_SURGERY, NEW_YORK, DEFAULTS);

    @Test
    void dischargeIsAllowedFromTheEndOfObservation() {
        Instant observationEnd = Instant.parse("2026-07-01T22:00:00Z");
        assertEquals(observationEnd, NY_PLAN.observationEndsAt());
        assertEquals(Optional.of(observationEnd), NY_PLAN.recordDischarge(observationEnd, MUCH_LATER).dischargedAt());
        var refused = assertThrows(RuleViolationException.class,
                () -> NY_PLAN.recordDischarge(observationEnd.minusSeconds(1), MUCH_LATER));
        assertTrue(refused.getMessage().contains("before the end of the 4 h observation"), refused.getMessage());
    }

    @Test
    void dischargeIsOnTheDayOfSurgeryInTheHospitalsZone() {
        // 23:59:59 in New York is already 2 July in UTC: the hospital's day counts
        Instant justBeforeMidnight = Instant.parse("2026-07-02T03:59:59Z");
        assertEquals(Optional.of(justBeforeMidnight), NY_PLAN.recordDischarge(justBeforeMidnight, MUCH_LATER).dischargedAt());
        var refused = assertThrows(RuleViolationException.class,
                () -> NY_PLAN.recordDischarge(justBeforeMidnight.plusSeconds(1), MUCH_LATER));
        assertTrue(refused.getMessage().contains("on the day of surgery, 2026-07-01 in America/New_York"), refused.getMessage());
    }

    @Test
    void theSameInstantsInAnotherZoneGiveAnotherDay() {
        // 18:00Z is 20:00 in Paris (CEST); with 1 h observation the day ends at 21:59:59Z there, not in New York
        MonitoringPlan parisPlan = MonitoringPlan.create(NY_SURGERY, PARIS, DEFAULTS.withObservationHours(1));
        MonitoringPlan nyPlan = MonitoringPlan.create(NY_SURGERY, NEW_YORK, DEFAULTS.withObservationHours(1));
        Instant parisLastSecond = Instant.parse("2026-07-01T21:59:59Z");
        assertEquals(Optional.of(parisLastSecond), parisPlan.recordDischarge(parisLastSecond, MUCH_LATER).dischargedAt());
        Instant parisMidnight = parisLastSecond.plusSeconds(1);
        assertThrows(RuleViolationException.class, () -> parisPlan.recordDischarge(parisMidnight, MUCH_LATER));
        assertEquals(Optional.of(parisMidnight), nyPlan.recordDischarge(parisMidnight, MUCH_LATER).dischargedAt(), "18:00 in New York");
    }

    @Test
    void lateSurgeryLeavesNoSameDayDischarge() {
        MonitoringPlan late = MonitoringPlan.create(Instant.parse("2026-07-02T00:30:00Z"), NEW_YORK, DEFAULTS); // 20:30 local
        assertFalse(late.sameDayDischargePossible());
        assertTrue(NY_PLAN.sameDayDischargePossible());
        assertThrows(RuleViolationException.class, () -> late.recordDischarge(late.observationEndsAt(), MUCH_LATER));
    }

    @Test
    void dischargeIsRecordedOnceAndNotAhead() {
        Instant at = Instant.parse("2026-07-01T23:00:00Z");
        assertThrows(RuleViolationException.class, () -> NY_PLAN.recordDischarge(at, at.minusSeconds(1)));
        MonitoringPlan discharged = NY_PLAN.recordDischarge(at, at);
        assertEquals(Optional.empty(), NY_PLAN.dischargedAt(), "the plan is immutable");
        assertThrows(StateConflictException.class, () -> discharged.recordDischarge(at, MUCH_LATER));
    }

    // ---- issue 13: observation after the first intrathecal opioid dose ----

    /** NY_SURGERY ended 2026-07-01 18:00Z (14:00 local); 24 h later is 2026-07-02 18:00Z (14:00 local, the next day). */
    private static final Instant NY_24H = Instant.parse("2026-07-02T18:00:00Z");
    private static final Instant NY_4H = Instant.parse("2026-07-01T22:00:00Z");

    @Test
    void aMorphineStartAllows24HoursOfObservationAndADischargeTheNextDay() {
        MonitoringPlan morphine = NY_PLAN.withStartedDrug("morphine");
        assertTrue(morphine.opioidStarted());
        assertEquals(Optional.of(NY_24H), morphine.opioidObservationEndsAt());
        assertEquals(NY_24H, morphine.requiredObservationEndsAt(), "later than the chosen 4 h");
        assertFalse(morphine.sameDayDischargePossible());
        MonitoringPlan.Discharged discharged = morphine.recordDischarge(NY_24H, MUCH_LATER, null);
        assertEquals(Optional.of(NY_24H), discharged.plan().dischargedAt(), "the default SAME_DAY stay becomes overnight");
        assertEquals(Optional.empty(), discharged.override());
    }

    @Test
    void aDischargeBefore24HoursAfterAnOpioidStartIsRefusedNamingTheRule() {
        MonitoringPlan morphine = NY_PLAN.withStartedDrug("morphine");
        for (Instant early : List.of(NY_4H, NY_24H.minusSeconds(1))) {
            var refused = assertThrows(RuleViolationException.class, () -> morphine.recordDischarge(early, MUCH_LATER, null));
            assertTrue(refused.getMessage().contains("rule intrathecal-opioid-first-dose-observation"), refused.getMessage());
            assertTrue(refused.getMessage().contains("at least 24 h"), refused.getMessage());
            assertEquals("rule: intrathecal-opioid-first-dose-observation", refused.details().get(0));
            assertTrue(refused.details().get(1).contains("Infumorph"), refused.details().toString());
            assertThrows(RuleViolationException.class, () -> morphine.recordDischarge(early, MUCH_LATER, "  "), "a blank reason");
        }
    }

    @Test
    void aClinicianOverrideAllowsTheEarlyDischargeAndIsReturnedToPublish() {
        MonitoringPlan.Discharged early = NY_PLAN.withStartedDrug("morphine")
                .recordDischarge(NY_4H, MUCH_LATER, " Monitored at home by a nurse with naloxone ");
        assertEquals(Optional.of(NY_4H), early.plan().dischargedAt());
        MonitoringPlan.ObservationOverride override = early.override().orElseThrow();
        assertEquals("intrathecal-opioid-first-dose-observation", override.rule());
        assertEquals("Monitored at home by a nurse with naloxone", override.reason());
        assertEquals("morphine", override.drug());
        assertEquals(24, override.requiredHours());
        assertEquals(NY_24H, override.requiredUntil());
        // the override lifts the opioid rule only: the chosen observation still holds
        assertThrows(RuleViolationException.class, () -> NY_PLAN.withStartedDrug("morphine")
                .recordDischarge(NY_4H.minusSeconds(1), MUCH_LATER, "reason"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"morphine", "hydromorphone", "fentanyl", "sufentanil", " Morphine ", "methadone", "a-new-drug"})
    void everyIntrathecalOpioidAndAnyUnknownDrugNeeds24Hours(String drug) {
        assertThrows(RuleViolationException.class, () -> NY_PLAN.withStartedDrug(drug).recordDischarge(NY_4H, MUCH_LATER, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ziconotide", "baclofen", "bupivacaine", "clonidine"})
    void aPumpStartedWithoutAnOpioidKeepsTheSameDayDischarge(String drug) {
        MonitoringPlan.Discharged discharged = NY_PLAN.withStartedDrug(drug).recordDischarge(NY_4H, MUCH_LATER, "not needed");
        assertEquals(Optional.of(NY_4H), discharged.plan().dischargedAt());
        assertEquals(Optional.empty(), discharged.override(), "nothing was overridden, so nothing is published");
        assertThrows(RuleViolationException.class, () -> NY_PLAN.withStartedDrug(drug).recordDischarge(NY_24H, MUCH_LATER, null),
                "still same day");
    }

    @Test
    void anOvernightStayEndsTheDayAfterSurgeryAndAMultiDayStayLater() {
        // 2026-07-03 14:00Z is 10:00 on 3 July in New York: two days after surgery
        Instant dayTwo = Instant.parse("2026-07-03T14:00:00Z");
        MonitoringPlan morphine = NY_PLAN.withStartedDrug("morphine");
        var refused = assertThrows(RuleViolationException.class, () -> morphine.recordDischarge(dayTwo, MUCH_LATER, null));
        assertTrue(refused.getMessage().contains("overnight stay ends on the day after surgery, 2026-07-02"), refused.getMessage());
        MonitoringPlan multiDay = MonitoringPlan.create(NY_SURGERY, NEW_YORK,
                DEFAULTS.withStay(Stay.MULTI_DAY).withObservationHours(40)).withStartedDrug("morphine");
        assertEquals(Instant.parse("2026-07-03T10:00:00Z"), multiDay.requiredObservationEndsAt(), "40 h > 24 h");
        assertEquals(Optional.of(dayTwo), multiDay.recordDischarge(dayTwo, MUCH_LATER, null).plan().dischargedAt());
        MonitoringPlan overnight = MonitoringPlan.create(NY_SURGERY, NEW_YORK, DEFAULTS.withStay(Stay.OVERNIGHT).withObservationHours(24));
        assertEquals(Optional.of(NY_24H), overnight.recordDischarge(NY_24H, MUCH_LATER).dischargedAt(), "no drug known");
    }

    @Test
    void anOpioidStartWithAnOverrideStillAllowsTheNextMorning() {
        // surgery ends 20:30 local; the patient leaves at 08:00 next morning, 11.5 h later, with an override
        MonitoringPlan late = MonitoringPlan.create(Instant.parse("2026-07-02T00:30:00Z"), NEW_YORK, DEFAULTS).withStartedDrug("morphine");
        assertEquals(Optional.of(Instant.parse("2026-07-02T12:00:00Z")),
                late.recordDischarge(Instant.parse("2026-07-02T12:00:00Z"), MUCH_LATER, "bed shortage, home nurse").plan().dischargedAt());
    }

    @Test
    void theStayBoundsTheObservation() {
        assertEquals(72, DEFAULTS.withStay(Stay.MULTI_DAY).withObservationHours(72).observationHours());
        assertEquals(24, DEFAULTS.withStay(Stay.OVERNIGHT).withObservationHours(24).observationHours());
        var sameDay = assertThrows(RuleViolationException.class, () -> DEFAULTS.withObservationHours(24));
        assertTrue(sameDay.getMessage().contains("observation of 24 hours needs a longer stay: SAME_DAY allows up to 8 hours"),
                sameDay.getMessage());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withStay(Stay.OVERNIGHT).withObservationHours(25));
        var tooLong = assertThrows(RuleViolationException.class, () -> DEFAULTS.withStay(Stay.MULTI_DAY).withObservationHours(73));
        assertTrue(tooLong.getMessage().contains("observation must be 1 to 72 hours, was 73"), tooLong.getMessage());
        assertThrows(RuleViolationException.class, () -> DEFAULTS.withStay(null));
    }

    @Test
    void datesCountFromTheProcedureEndAndTheDrugMovesNone() {
        MonitoringPlan plan = MonitoringPlan.create(NY_SURGERY, NEW_YORK, DEFAULTS);
        assertEquals(NY_SURGERY, plan.procedureEndedAt());
        assertEquals(plan.milestones(), plan.withStartedDrug("morphine").milestones());
    }

    @Test
    void anExplantForInfectionKeepsTheWoundVisitsAndTheWindow() {
        assertEquals(List.of("VISIT_DUE:WOUND_CHECK", "VISIT_DUE:SUTURE_REMOVAL", "MONITORING_WINDOW_ENDED:MONITORING_WINDOW"),
                keys(PLAN.woundFollowupMilestones()));
    }

    // ---- what became due ----

    private static final MonitoringPlan PLAN = MonitoringPlan.create(SURGERY, PARIS, DEFAULTS);

    @Test
    void everyMilestoneHasAUniqueKeyAndComesInTimeOrder() {
        List<Milestone> all = PLAN.milestones();
        assertEquals(10, all.size(), "5 restrictions, the oral medication course, 3 visits, the window");
        assertEquals(10, all.stream().map(Milestone::key).distinct().count());
        List<Milestone> sorted = new ArrayList<>(all);
        sorted.sort(Milestone.CHRONOLOGICAL);
        assertEquals(sorted, all);
        assertEquals(new Milestone(MilestoneKind.VISIT_DUE, "WOUND_CHECK", paris("2026-03-27T10:00")), all.get(0));
        assertEquals(new Milestone(MilestoneKind.MONITORING_WINDOW_ENDED, "MONITORING_WINDOW", PLAN.monitoringWindowEndsAt()),
                all.get(9));
        assertEquals("RESTRICTION_LIFTED:NO_DRIVING",
                all.stream().filter(m -> m.subject().equals("NO_DRIVING")).findFirst().orElseThrow().key());
    }

    @Test
    void dueBetweenIsHalfOpenSinceExclusiveNowInclusive() {
        Instant woundCheck = PLAN.visit(VisitKind.WOUND_CHECK).dueAt();
        assertEquals(List.of(), PLAN.dueBetween(SURGERY, woundCheck.minusSeconds(1)));
        assertEquals(List.of("VISIT_DUE:WOUND_CHECK"), keys(PLAN.dueBetween(SURGERY, woundCheck)));
        assertEquals(List.of(), PLAN.dueBetween(woundCheck, woundCheck.plusSeconds(1)), "already reported");
        assertEquals(List.of(), PLAN.dueBetween(woundCheck, woundCheck), "an empty interval");
    }

    @Test
    void whatFallsDueTogetherIsListedTogether() {
        Instant eightWeeks = paris("2026-05-15T10:00");
        assertEquals(List.of("RESTRICTION_LIFTED:NO_BENDING", "RESTRICTION_LIFTED:NO_STAIR_CLIMBING",
                        "RESTRICTION_LIFTED:NO_STRENUOUS_EXERCISE", "RESTRICTION_LIFTED:NO_STRETCHING",
                        "VISIT_DUE:RESTRICTION_REVIEW"),
                keys(PLAN.dueBetween(eightWeeks.minusSeconds(1), eightWeeks)));
    }

    @Test
    void aLatePollCatchesUpOnEverythingMissed() {
        assertEquals(List.of("VISIT_DUE:WOUND_CHECK", "VISIT_DUE:SUTURE_REMOVAL", "ORAL_MEDICATION_COURSE_ENDED:ORAL_PAIN_MEDICATION",
                        "RESTRICTION_LIFTED:NO_DRIVING"),
                keys(PLAN.dueBetween(SURGERY, paris("2026-04-20T00:00"))));
        assertEquals(PLAN.milestones(), PLAN.dueBetween(SURGERY, PLAN.monitoringWindowEndsAt()));
    }

    @Test
    void pollingHourByHourReportsEveryMilestoneExactlyOnce() {
        List<Milestone> reported = new ArrayList<>();
        Instant since = SURGERY;
        while (since.isBefore(PLAN.monitoringWindowEndsAt().plus(Duration.ofDays(1)))) {
            Instant now = since.plus(Duration.ofMinutes(61)); // not aligned with any milestone
            reported.addAll(PLAN.dueBetween(since, now));
            since = now;
        }
        assertEquals(PLAN.milestones(), reported);
    }

    @Test
    void theWindowEndsAtItsInstant() {
        Instant end = PLAN.monitoringWindowEndsAt();
        assertFalse(PLAN.windowEndedBy(end.minusSeconds(1)));
        assertTrue(PLAN.windowEndedBy(end));
        assertEquals(List.of("MONITORING_WINDOW_ENDED:MONITORING_WINDOW"), keys(PLAN.dueBetween(end.minusSeconds(1), end)));
    }

    @Test
    void nowBeforeSinceIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> PLAN.dueBetween(SURGERY, SURGERY.minusSeconds(1)));
    }

    private static List<String> keys(List<Milestone> milestones) {
        return milestones.stream().map(Milestone::key).collect(Collectors.toList());
    }

    @Test
    void aStoredPlanIsRestoredWithItsDischargeWithoutRecheckingIt() {
        Instant leftAt = paris("2026-03-20T15:00");
        MonitoringPlan restored = MonitoringPlan.restore(SURGERY, PARIS, DEFAULTS, null, leftAt);
        assertEquals(Optional.of(leftAt), restored.dischargedAt());
        assertEquals(MonitoringPlan.create(SURGERY, PARIS, DEFAULTS).milestones(), restored.milestones());
        assertEquals(Optional.empty(), MonitoringPlan.restore(SURGERY, PARIS, DEFAULTS, null, null).dischargedAt());
        assertThrows(StateConflictException.class, () -> restored.recordDischarge(leftAt, MUCH_LATER));
    }
}
