package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RefillPlanTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final LocalDate FILLED = LocalDate.of(2030, 1, 10);

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void workedExample20MlOfMorphine10MgPerMlAt2MgPerDayLasts90Days() {
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2"));
        RefillPlan plan = RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20")), d("2"));

        assertEquals(0, d("0.2").compareTo(plan.dailyVolumeMl()));
        assertEquals(90, plan.daysToAlarm());
        assertEquals(FILLED.plusDays(90), plan.alarmDate());
        assertEquals(Optional.of(FILLED.plusDays(90)), plan.stabilityLimitDate(), "morphine is stable 90 days");
        assertEquals(LocalDate.of(2030, 4, 10), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM, RefillDueReason.DRUG_STABILITY), plan.dueReasons());
        assertEquals(plan, RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20"))), "2 mL is the default alarm");
    }

    @Test
    void daysToAlarmRoundDownSoTheRefillIsNeverAfterTheAlarm() {
        // 18 mL usable at 0.3 mL/day (3 mg/day of 10 mg/mL) = 60 days exactly; at 0.31 mL/day 58.06 days -> 58
        Drug morphine = LIBRARY.drug("morphine");
        assertEquals(60, RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("3")),
                ReservoirFill.refill(FILLED, d("20"))).daysToAlarm());
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("3.1")), ReservoirFill.refill(FILLED, d("20")));
        assertEquals(58, plan.daysToAlarm());
        assertEquals(FILLED.plusDays(58), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.LOW_RESERVOIR_ALARM), plan.dueReasons());
        // 89.99.. days (18 mL x 10 mg/mL / 2.0001 mg/day) is 89, not 90
        assertEquals(89, RefillPlan.of(PumpProgram.simpleContinuous(morphine, d("10"), d("2.0001")),
                ReservoirFill.refill(FILLED, d("20"))).daysToAlarm());
    }

    @Test
    void bolusesCountInTheDailyVolume() {
        // 1 mg/day + 4 x 0.25 mg = 2 mg/day at 10 mg/mL: 0.2 mL/day, (20 - 2) / 0.2 = 90 days
        PumpProgram program = PumpProgram.patientActivatedBolus(LIBRARY.drug("morphine"), d("10"), d("1"), d("0.25"), 60, 4);
        assertEquals(90, RefillPlan.of(program, ReservoirFill.refill(FILLED, d("20"))).daysToAlarm());
    }

    @Test
    void stabilityCanComeFirst() {
        // 0.1 mg/day at 10 mg/mL = 0.01 mL/day: 1800 days to the alarm, but morphine is stable 90 days
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("0.1")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(1800, plan.daysToAlarm());
        assertEquals(FILLED.plusDays(90), plan.refillDueDate());
        assertEquals(Set.of(RefillDueReason.DRUG_STABILITY), plan.dueReasons());
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
        RefillPlan plan = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("clonidine"), d("100"), d("50")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(Optional.empty(), plan.stabilityLimitDate());
        assertEquals(36, plan.daysToAlarm());
        assertEquals(FILLED.plusDays(36), plan.refillDueDate());
    }

    @Test
    void anOverdueBaclofenRefillIsUrgent() {
        // 300 mcg/day at 500 mcg/mL = 0.6 mL/day, 18 mL usable: 30 days
        RefillPlan baclofen = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("baclofen"), d("500"), d("300")),
                ReservoirFill.refill(FILLED, d("20")));
        LocalDate due = FILLED.plusDays(30);
        assertEquals(due, baclofen.refillDueDate());
        assertEquals(RefillStatus.SCHEDULED, baclofen.statusOn(due.minusDays(1)));
        assertEquals(RefillStatus.DUE_TODAY, baclofen.statusOn(due));
        assertEquals(RefillStatus.OVERDUE_URGENT, baclofen.statusOn(due.plusDays(1)));

        RefillPlan morphine = RefillPlan.of(PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2")),
                ReservoirFill.refill(FILLED, d("20")));
        assertEquals(RefillStatus.OVERDUE, morphine.statusOn(morphine.refillDueDate().plusDays(1)));
    }

    @Test
    void aFillMustExceedTheAlarmVolume() {
        PumpProgram program = PumpProgram.simpleContinuous(LIBRARY.drug("morphine"), d("10"), d("2"));
        assertThrows(RuleViolationException.class, () -> RefillPlan.of(program, ReservoirFill.refill(FILLED, d("2"))));
        assertEquals(0, RefillPlan.of(program, ReservoirFill.refill(FILLED, d("2.1"))).daysToAlarm(), "half a day: due on the fill day");
        assertThrows(RuleViolationException.class, () -> ReservoirFill.refill(FILLED, d("0")));
    }
}
