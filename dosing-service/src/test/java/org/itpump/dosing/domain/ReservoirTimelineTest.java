package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked examples of issue 12 section 1, computed by hand in the comments. Day 0 is 2030-01-01 (UTC). */
class ReservoirTimelineTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final Drug BACLOFEN = LIBRARY.drug("baclofen");
    private static final Drug MORPHINE = LIBRARY.drug("morphine");
    private static final LocalDate DAY0 = LocalDate.of(2030, 1, 1);
    private static final BigDecimal ALARM = new BigDecimal("2");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    /** Day n (fractions allowed, e.g. "12.5") as an instant, UTC. */
    private static Instant day(String n) {
        return DAY0.atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(d(n).multiply(BigDecimal.valueOf(86_400)).longValueExact());
    }

    private static LocalDate date(int n) {
        return DAY0.plusDays(n);
    }

    private static ReservoirTimeline.ProgramPeriod from(String dayN, PumpProgram program) {
        return new ReservoirTimeline.ProgramPeriod(day(dayN), program);
    }

    private static ReservoirTimeline timeline(String fillMl, ReservoirTimeline.ProgramPeriod... programs) {
        return ReservoirTimeline.of(ReservoirFill.refill(DAY0, d(fillMl)), ZoneOffset.UTC, List.of(programs));
    }

    private static ReservoirTimeline baclofenDecrease(Drug baclofen) {
        return timeline("20", from("0", PumpProgram.simpleContinuous(baclofen, d("500"), d("800"))),
                from("10", PumpProgram.simpleContinuous(baclofen, d("500"), d("400"))));
    }

    @Test
    void baclofenDecreaseOnDay10IsPlannedFromThe4MlLeftNotFromTheFill() {
        // 800 mcg/day at 500 mcg/mL = 1.6 mL/day: 10 days use 16 mL, 4 mL left.
        // 400 mcg/day = 0.8 mL/day: (4 - 2) / 0.8 = 2.5 days to the 2 mL alarm -> day 12.5; 4 / 0.8 = 5 -> empty day 15.
        // Baclofen's margin is 2 days: day 12.5 - 2 = day 10.5 -> due on day 10 (by day 12; the old rule said
        // (20 - 2) / 0.8 = 22.5 -> day 22).
        RefillPlan plan = baclofenDecrease(BACLOFEN).planAt(day("10"), ALARM);
        assertEquals(0, d("4").compareTo(plan.volumeLeftMl()), plan.volumeLeftMl().toPlainString());
        assertEquals(day("12.5"), plan.alarmAt());
        assertEquals(day("15"), plan.emptyAt());
        assertEquals(date(12), plan.alarmDate());
        assertEquals(date(15), plan.emptyDate());
        assertEquals(2, plan.safetyMarginDays());
        assertEquals(date(10), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM), plan.dueReasons());
        // First URGENT alert: start of the day after the due date (day 11), earlier than empty - 2 days (day 13).
        assertEquals(day("11"), plan.firstOverdueAlertAt());
        assertTrue(plan.firstOverdueAlertAt().isBefore(plan.emptyAt()));
    }

    @Test
    void withoutAMarginTheBaclofenDecreaseIsDueOnDay12NotDay22() {
        Drug noMargin = LibraryFixtures.alone("baclofen", drug -> drug.put("refillSafetyMarginDays", 0));
        RefillPlan plan = baclofenDecrease(noMargin).planAt(day("10"), ALARM);
        assertEquals(date(12), plan.refillDueDate(), "alarm day 12.5, floored to its day");
        // the plan at the fill, before any change: (20 - 2) / 1.6 = 11.25 days -> day 11
        assertEquals(date(11), baclofenDecrease(noMargin).planAt(day("0"), ALARM).refillDueDate());
    }

    @Test
    void morphine8To4MgPerDayOnDay20() {
        // 8 mg/day at 10 mg/mL = 0.8 mL/day: 20 days use 16 mL, 4 mL left.
        // 4 mg/day = 0.4 mL/day: (4 - 2) / 0.4 = 5 days -> alarm day 25; 4 / 0.4 = 10 -> empty day 30.
        // Morphine's margin is 1 day: due day 24; its 90-day stability (day 90) is later.
        ReservoirTimeline timeline = timeline("20", from("0", PumpProgram.simpleContinuous(MORPHINE, d("10"), d("8"))),
                from("20", PumpProgram.simpleContinuous(MORPHINE, d("10"), d("4"))));
        RefillPlan plan = timeline.planAt(day("20"), ALARM);
        assertEquals(0, d("4").compareTo(plan.volumeLeftMl()));
        assertEquals(day("25"), plan.alarmAt());
        assertEquals(day("30"), plan.emptyAt());
        assertEquals(date(24), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM), plan.dueReasons());
        assertEquals(day("25"), plan.firstOverdueAlertAt(), "not withdrawal-critical: the day after the due date");
        // planned later in the same period, the dates do not move: at day 22, 4 - 2 x 0.4 = 3.2 mL left
        RefillPlan later = timeline.planAt(day("22"), ALARM);
        assertEquals(0, d("3.2").compareTo(later.volumeLeftMl()));
        assertEquals(day("25"), later.alarmAt());
        assertEquals(date(24), later.refillDueDate());
    }

    @Test
    void theVolumeFollowsEveryProgramAndNeverGoesBelowEmpty() {
        ReservoirTimeline timeline = baclofenDecrease(BACLOFEN);
        assertEquals(0, d("20").compareTo(timeline.volumeAt(day("0"))));
        assertEquals(0, d("12").compareTo(timeline.volumeAt(day("5"))), "20 - 5 x 1.6");
        assertEquals(0, d("2").compareTo(timeline.volumeAt(day("12.5"))), "4 - 2.5 x 0.8");
        assertEquals(0, BigDecimal.ZERO.compareTo(timeline.volumeAt(day("40"))));
        assertThrows(RuleViolationException.class, () -> timeline.volumeAt(day("-0.5")));
    }

    @Test
    void programsSupersededBeforeTheFillDoNotCountAndALateRecordRunsFromTheFill() {
        // 1000 mcg/day from day -30, 800 from day -1 (in force at the fill), 400 from day 10: as the example
        ReservoirTimeline withOlder = timeline("20",
                from("-30", PumpProgram.simpleContinuous(BACLOFEN, d("500"), d("1000"))),
                from("-1", PumpProgram.simpleContinuous(BACLOFEN, d("500"), d("800"))),
                from("10", PumpProgram.simpleContinuous(BACLOFEN, d("500"), d("400"))));
        assertEquals(0, d("4").compareTo(withOlder.volumeAt(day("10"))));
        // the only program was recorded on day 3, after the fill: taken to have run since the fill
        ReservoirTimeline late = timeline("20", from("3", PumpProgram.simpleContinuous(BACLOFEN, d("500"), d("800"))));
        assertEquals(0, d("12").compareTo(late.volumeAt(day("5"))));
    }

    @Test
    void bolusesCountAsDelivered() {
        // 1 mg/day + 4 x 0.25 mg = 2 mg/day at 10 mg/mL = 0.2 mL/day: 10 days use 2 mL
        ReservoirTimeline timeline = timeline("20",
                from("0", PumpProgram.patientActivatedBolus(MORPHINE, d("10"), d("1"), d("0.25"), 60, 4)));
        assertEquals(0, d("18").compareTo(timeline.volumeAt(day("10"))));
    }

    @Test
    void theVolumeLeftIsReportedRoundedDownButPlannedExactly() {
        // 1 mg/day at 3 mg/mL for 1 day = 0.3333.. mL: 19.666666.. left, reported 19.666666
        ReservoirTimeline timeline = timeline("20", from("0", PumpProgram.simpleContinuous(MORPHINE, d("3"), d("1"))));
        assertEquals(d("19.666666"), timeline.volumeAt(day("1")));
        // (20 - 2) x 3 = 54 days to the alarm, whenever the plan is made: exactly day 54, not a second earlier
        assertEquals(day("54"), timeline.planAt(day("1"), ALARM).alarmAt());
        assertEquals(day("54"), timeline.planAt(day("0").plusSeconds(12_345), ALARM).alarmAt());
        assertEquals(day("54"), timeline.planAt(day("0").plusSeconds(43_200).plusNanos(123_456_789), ALARM).alarmAt(),
                "a plan made at a fraction of a second gives the same instant");
        assertEquals(day("60"), timeline.planAt(day("7"), ALARM).emptyAt());
    }

    @Test
    void belowTheAlarmAlreadyTheRefillIsOverdueAtOnce() {
        // 8 mg/day of 10 mg/mL = 0.8 mL/day; on day 23, 20 - 18.4 = 1.6 mL left, below the 2 mL alarm:
        // alarmAt = now; empty 1.6 / 0.8 = 2 days later (day 25); due = day of (day 23 - 1) = day 22: overdue,
        // first alert at the start of day 23, which is now.
        ReservoirTimeline timeline = timeline("20", from("0", PumpProgram.simpleContinuous(MORPHINE, d("10"), d("8"))));
        RefillPlan plan = timeline.planAt(day("23"), ALARM);
        assertEquals(0, d("1.6").compareTo(plan.volumeLeftMl()));
        assertEquals(day("23"), plan.alarmAt());
        assertEquals(day("25"), plan.emptyAt());
        assertEquals(date(22), plan.refillDueDate());
        assertEquals(day("23"), plan.firstOverdueAlertAt());
    }

    @Test
    void aFastBaclofenPumpIsAlertedBeforeItRunsDryEvenBeforeTheDayAfterItsDueDate() {
        // 1500 mcg/day at 500 mcg/mL = 3 mL/day from 20 mL: alarm (20 - 2) / 3 = 6 days -> day 6,
        // empty 20 / 3 = 6.666.. days = 576,000 s -> day 6 16:00. Due: day of (day 6 - 2) = day 4.
        // The day after the due date starts at day 5 00:00, but empty - 2 days is day 4 16:00: the alert is then.
        ReservoirTimeline timeline = timeline("20", from("0", PumpProgram.simpleContinuous(BACLOFEN, d("500"), d("1500"))));
        RefillPlan plan = timeline.planAt(day("0"), ALARM);
        assertEquals(day("6"), plan.alarmAt());
        assertEquals(day("0").plusSeconds(576_000), plan.emptyAt());
        assertEquals(date(4), plan.refillDueDate());
        assertEquals(day("4").plus(Duration.ofHours(16)), plan.firstOverdueAlertAt());
        // morphine at the same 3 mL/day (30 mg/day of 10 mg/mL is above its hard limit, so 15 mg/day of 5 mg/mL):
        // not withdrawal-critical, the alert stays at the start of the day after its due date
        RefillPlan morphine = timeline("20", from("0", PumpProgram.simpleContinuous(MORPHINE, d("5"), d("15"))))
                .planAt(day("0"), ALARM);
        assertEquals(date(5), morphine.refillDueDate(), "alarm day 6 - 1 day margin");
        assertEquals(day("6"), morphine.firstOverdueAlertAt());
    }

    @Test
    void theFillCountsFromTheStartOfItsDayInTheHospitalZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ReservoirTimeline timeline = ReservoirTimeline.of(ReservoirFill.refill(DAY0, d("20")), berlin,
                List.of(new ReservoirTimeline.ProgramPeriod(Instant.EPOCH, PumpProgram.simpleContinuous(MORPHINE, d("10"), d("2")))));
        assertEquals(Instant.parse("2029-12-31T23:00:00Z"), timeline.filledAt());
        // 18 mL / 0.2 mL/day = 90 x 24 h after 2029-12-31T23:00Z = 2030-03-31T23:00Z, 01:00 summer time on
        // day 90 (2030-04-01) in Berlin; minus the 1-day margin: 2030-03-31 01:00 local, day 89
        RefillPlan plan = timeline.planAt(timeline.filledAt(), ALARM);
        assertEquals(date(90), plan.alarmDate());
        assertEquals(date(89), plan.refillDueDate());
    }
}
