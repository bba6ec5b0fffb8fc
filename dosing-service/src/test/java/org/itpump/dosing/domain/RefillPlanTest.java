package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The plan at the fill itself (one program). Morphine's safety margin is 1 day, baclofen's 2 (library v1). */
class RefillPlanTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final LocalDate FILLED = LocalDate.of(2030, 1, 10);

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static LocalDate alarmDay(RefillPlan plan) {
        return plan.alarmAt().atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void workedExample20MlOfMorphine10MgPerMlAt2MgPerDayReachesTheAlarmOnDay90AndIsDueOnDay89() {
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2"));
        RefillPlan plan = RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")), d("2"));

        assertEquals(0, d("0.2").compareTo(plan.dailyVolumeMl()));
        assertEquals(FILLED.plusDays(90), plan.alarmDate(), "(20 - 2) / 0.2 = 90 days");
        assertEquals(FILLED.plusDays(100), plan.emptyDate(), "20 / 0.2 = 100 days");
        assertEquals(Optional.of(FILLED.plusDays(90)), plan.stabilityLimitDate(), "morphine is stable 90 days");
        assertEquals(LocalDate.of(2030, 4, 9), plan.refillDueDate(), "day 90 - 1 day margin = day 89");
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM), plan.dueReasons());
        assertEquals(plan, RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20"))), "2 mL is the default alarm");
    }

    @Test
    void thePumpsOwnAlarmVolumeMovesTheDueDate() {
        // Same drug, dose and fill as the worked example (0.2 mL/day from 20 mL), a pump alarming at 4 mL:
        // (20 - 4) / 0.2 = 80 days to the alarm, minus morphine's 1-day margin = due on day 79, not day 89.
        // Empty is still 20 / 0.2 = 100 days: the alarm volume moves only the alarm and the due date.
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2"));
        RefillPlan twoMl = RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")), d("2"));
        RefillPlan fourMl = RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")), d("4"));

        assertEquals(FILLED.plusDays(90), twoMl.alarmDate());
        assertEquals(FILLED.plusDays(89), twoMl.refillDueDate());
        assertEquals(FILLED.plusDays(80), fourMl.alarmDate(), "(20 - 4) / 0.2 = 80 days");
        assertEquals(FILLED.plusDays(79), fourMl.refillDueDate(), "day 80 - 1 day margin");
        assertEquals(FILLED.plusDays(100), fourMl.emptyDate(), "20 / 0.2 = 100 days, whatever the alarm");
        // a 1.5 mL alarm (a programmable one set low): (20 - 1.5) / 0.2 = 92.5 days -> alarm on day 92, but
        // morphine's 90-day stability now comes first: due on day 90
        RefillPlan lowAlarm = RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")), d("1.5"));
        assertEquals(FILLED.plusDays(92), lowAlarm.alarmDate());
        assertEquals(FILLED.plusDays(90), lowAlarm.refillDueDate());
        assertEquals(Set.of(RefillDueReason.DRUG_STABILITY), lowAlarm.dueReasons());
    }

    @Test
    void theAlarmRoundsDownToTheSecondSoTheRefillIsNeverAfterIt() {
        // 18 mL usable at 0.3 mL/day (3 mg/day of 10 mg/mL) = 60 days exactly: due day 59
        Drug morphine = LIBRARY.drug("morphine");
        assertEquals(FILLED.plusDays(60), alarmDay(RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("3")),
                ReservoirFill.refill(FILLED, d("20")))));
        // at 0.31 mL/day 58.06 days -> alarm on day 58, due day 57
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("3.1")), ReservoirFill.refill(FILLED, d("20")));
        assertEquals(FILLED.plusDays(58), alarmDay(plan));
        assertEquals(FILLED.plusDays(57), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM), plan.dueReasons());
        // 89.99.. days (18 mL x 10 mg/mL / 2.0001 mg/day) is on day 89, not 90
        assertEquals(FILLED.plusDays(89), alarmDay(RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("2.0001")),
                ReservoirFill.refill(FILLED, d("20")))));
    }

    @Test
    void bolusesCountInTheDailyVolume() {
        // 1 mg/day + 4 x 0.25 mg = 2 mg/day at 10 mg/mL: 0.2 mL/day, (20 - 2) / 0.2 = 90 days
        PumpProgram program = PumpProgram.patientActivatedBolus(LIBRARY.drug("morphine"), d("10"), d("1"), d("0.25"), 60, 4);
        assertEquals(FILLED.plusDays(90), alarmDay(RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")))));
    }

    @Test
    void stabilityCanComeFirst() {
        // 0.1 mg/day at 10 mg/mL = 0.01 mL/day: 1800 days to the alarm, but morphine is stable 90 days
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("0.1")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(FILLED.plusDays(1800), plan.alarmDate());
        assertEquals(FILLED.plusDays(90), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.DRUG_STABILITY), plan.dueReasons());
    }

    @Test
    void bothReasonsWhenTheyFallOnTheSameDay() {
        // 2 mg/day of 10 mg/mL = 0.2 mL/day with a 1.8 mL alarm: (20 - 1.8) / 0.2 = 91 days -> alarm day 91,
        // minus the 1-day margin: day 90, which is also morphine's 90-day stability limit.
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2")),
                ReservoirFill.refill(FILLED, d("20")), d("1.8"));
        assertEquals(FILLED.plusDays(90), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM, RefillDueReason.DRUG_STABILITY), plan.dueReasons());
    }

    @Test
    void ziconotideFirstFillAndDilutionShortenTheLimit() {
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("ziconotide"), d("25"), d("1.2"));
        assertEquals(FILLED.plusDays(60), RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20"))).refillDueDate());
        assertEquals(FILLED.plusDays(14), RefillPlan.of(program, new ReservoirFill(FILLED, d("20"), true, false)).refillDueDate());
        assertEquals(FILLED.plusDays(40), RefillPlan.of(program, new ReservoirFill(FILLED, d("20"), false, true)).refillDueDate());
        assertEquals(FILLED.plusDays(14), RefillPlan.of(program, new ReservoirFill(FILLED, d("20"), true, true)).refillDueDate());
    }

    @Test
    void withoutACitedStabilityOnlyTheAlarmBoundsTheRefill() {
        // 50 mcg/day at 100 mcg/mL = 0.5 mL/day: 18 / 0.5 = 36 days, due day 35
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("clonidine"), d("100"), d("50")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(Optional.empty(), plan.stabilityLimitDate());
        assertEquals(FILLED.plusDays(36), plan.alarmDate());
        assertEquals(FILLED.plusDays(35), plan.refillDueDate());
    }

    @Test
    void anOverdueBaclofenRefillIsUrgent() {
        // 300 mcg/day at 500 mcg/mL = 0.6 mL/day, 18 mL usable: 30 days; 2-day margin: due day 28
        RefillPlan baclofen = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("baclofen"), d("500"), d("300")),
                ReservoirFill.refill(FILLED, d("20")));
        LocalDate due = FILLED.plusDays(28);
        assertEquals(due, baclofen.refillDueDate());
        assertEquals(RefillStatus.SCHEDULED, baclofen.statusOn(due.minusDays(1)));
        assertEquals(RefillStatus.DUE_TODAY, baclofen.statusOn(due));
        assertEquals(RefillStatus.OVERDUE_URGENT, baclofen.statusOn(due.plusDays(1)));

        RefillPlan morphine = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(RefillStatus.OVERDUE, morphine.statusOn(morphine.refillDueDate().plusDays(1)));
    }

    @Test
    void aFillMustExceedTheAlarmVolumeAndIsNeverDueBeforeItsOwnDay() {
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2"));
        assertThrows(RuleViolationException.class, () -> RefillPlan.of(program, ReservoirFill.refill(FILLED, d("2"))));
        // half a day to the alarm, minus the 1-day margin, is the day before the fill: due on the fill day
        assertEquals(FILLED, RefillPlan.of(program, ReservoirFill.refill(FILLED, d("2.1"))).refillDueDate());
        assertThrows(RuleViolationException.class, () -> ReservoirFill.refill(FILLED, d("0")));
    }

    @Test
    void aFillDatedInTheFutureOrBeforeThePreviousFillIsRefused() {
        LocalDate today = LocalDate.of(2030, 6, 15);
        for (LocalDate future : new LocalDate[]{today.plusDays(1), today.plusDays(7), today.plusYears(1), LocalDate.of(2230, 1, 1)}) {
            RuleViolationException e = assertThrows(RuleViolationException.class,
                    () -> ReservoirFill.refill(future, d("20")).requireDated(today, null), future.toString());
            assertEquals("A refill cannot be dated in the future: filledOn " + future + " is after today, 2030-06-15", e.getMessage());
        }
        ReservoirFill.refill(today, d("20")).requireDated(today, today);
        ReservoirFill.refill(today.minusDays(30), d("20")).requireDated(today, today.minusDays(30));
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> ReservoirFill.refill(today.minusDays(31), d("20")).requireDated(today, today.minusDays(30)));
        assertEquals("A refill cannot precede the previous fill: filledOn 2030-05-15 is before 2030-05-16", e.getMessage());
    }
}
