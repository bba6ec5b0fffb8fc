package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acts of the pump therapy aggregate, in plain Java (no Quarkus, no database). Morphine (library v1): unit mg,
 * stable 90 days, refill safety margin 1 day. The therapy's pump holds 40 mL and alarms at 4 mL; it is programmed
 * 10 mg/mL at 2 mg/d (0.2 mL/d) from 2030-01-01, hospital zone UTC.
 */
class PumpTherapyTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final Drug MORPHINE = LIBRARY.drug("morphine");
    private static final ZoneId ZONE = ZoneOffset.UTC;
    private static final BigDecimal POCKET_FILL_PER_RESERVOIR_ML = new BigDecimal("0.05");
    private static final Instant PROGRAMMED = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant REFILLED = Instant.parse("2030-01-10T09:30:00Z");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private static PumpTherapy activeTherapy() {
        return PumpTherapy.openForImplant(UUID.randomUUID(), "PT-1", UUID.randomUUID(), d("40"), d("4"),
                PROGRAMMED).result();
    }

    private static RecordedProgram morphineProgram(PumpTherapy therapy) {
        return new RecordedProgram(UUID.randomUUID(), therapy.id(), "morphine", "mg", d("10"), d("2"),
                DeliveryMode.SIMPLE_CONTINUOUS, null, null, null, null, MORPHINE.libraryVersion(), null,
                OffsetDateTime.ofInstant(PROGRAMMED, ZONE), null);
    }

    private static List<ReservoirTimeline.ProgramPeriod> periods(RecordedProgram program) {
        return List.of(new ReservoirTimeline.ProgramPeriod(program.programmedAt().toInstant(),
                program.asProgram(MORPHINE)));
    }

    private static ReservoirRefill refill(String volumeMl, String concentration, String unit, BigDecimal residualMl) {
        return new ReservoirRefill(null, d(volumeMl), d(concentration), unit, "LOT-1", residualMl, null, false);
    }

    private static Acted<PumpTherapy.Refilled> firstRefill(PumpTherapy therapy, RecordedProgram program, String volumeMl) {
        return therapy.recordRefill(refill(volumeMl, "10", "mg/mL", null), program, null, null, periods(program), ZONE,
                POCKET_FILL_PER_RESERVOIR_ML, REFILLED);
    }

    @Test
    void anAlarmVolumeAtTheReservoirVolumeIsRefusedAndJustBelowItOpens() {
        assertThrows(RuleViolationException.class, () -> PumpTherapy.openForImplant(UUID.randomUUID(), "PT-1",
                UUID.randomUUID(), d("40"), d("40.00"), PROGRAMMED));
        Acted<PumpTherapy> opened = PumpTherapy.openForImplant(UUID.randomUUID(), "PT-1", UUID.randomUUID(), d("40"),
                d("39.99"), PROGRAMMED);
        assertEquals(PumpTherapyStatus.ACTIVE, opened.result().status());
        DosingEvent.TherapyOpened event = assertInstanceOf(DosingEvent.TherapyOpened.class, opened.events().get(0));
        assertEquals(0, d("39.99").compareTo(event.lowReservoirAlarmMl()));
        assertEquals(OffsetDateTime.ofInstant(PROGRAMMED, ZONE), event.openedAt());
    }

    @Test
    void aRefillIsDueADayBeforeThePumpsOwnAlarm() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);

        Acted<PumpTherapy.Refilled> refilled = firstRefill(therapy, program, "20");

        // Filled 20 mL on 2030-01-10 (today: filledOn left out), used 2 mg/d / 10 mg/mL = 0.2 mL/d from the start of
        // that day: the 4 mL alarm is reached after (20 - 4) / 0.2 = 80 days, on 2030-03-31; minus morphine's
        // 1-day margin the refill is due on 2030-03-30 (its 90-day stability, 2030-04-10, comes later).
        RecordedRefill refill = refilled.result().refill();
        assertEquals(LocalDate.of(2030, 1, 10), refill.filledOn());
        assertEquals(LocalDate.of(2030, 3, 30), refill.refillDueOn());
        assertTrue(refill.firstFill(), "the therapy's first refill is its first fill");
        RecordedRefillPlan plan = refilled.result().plan();
        assertEquals(LocalDate.of(2030, 3, 30), plan.refillDueOn());
        assertEquals(RecordedRefillPlan.PLANNED_AT_REFILL, plan.reason());
        assertNull(plan.previousRefillDueOn());
        // 9.5 h of 0.2 mL/d used by the time it is planned (09:30): 20 - 0.2 x 9.5 / 24 = 19.9208.. mL left
        assertEquals(OffsetDateTime.parse("2030-03-31T00:00:00Z"), plan.alarmAt());
        assertEquals(OffsetDateTime.parse("2030-03-31T00:00:00Z"), plan.firstOverdueAlertAt(),
                "the start of the day after the due date");
        DosingEvent.RefillRecorded event = assertInstanceOf(DosingEvent.RefillRecorded.class, refilled.events().get(0));
        assertEquals(DoseUnit.MG, event.unit());
        assertEquals(1, refilled.events().size());
    }

    @Test
    void theReservoirVolumeIsTheMostARefillMayAdd() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);
        // 40 mL: (40 - 4) / 0.2 = 180 days to the alarm, but morphine is stable 90 days: due 2030-04-10
        assertEquals(LocalDate.of(2030, 4, 10), firstRefill(therapy, program, "40").result().refill().refillDueOn());
        RuleViolationException over = assertThrows(RuleViolationException.class,
                () -> firstRefill(therapy, program, "40.01"));
        assertEquals("The refill of 40.01 mL exceeds the reservoir of 40 mL", over.getMessage());
    }

    @Test
    void theRefillConcentrationIsComparedExactlyAfterConversion() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);
        // 10000 ug/mL is exactly the programmed 10 mg/mL
        assertEquals(0, d("10").compareTo(therapy.recordRefill(refill("20", "10000", "ug/mL", null), program, null, null,
                periods(program), ZONE, POCKET_FILL_PER_RESERVOIR_ML, REFILLED).result().refill().concentrationPerMl()));
        assertThrows(RuleViolationException.class, () -> therapy.recordRefill(refill("20", "9.999", "mg/mL", null),
                program, null, null, periods(program), ZONE, POCKET_FILL_PER_RESERVOIR_ML, REFILLED));
        assertThrows(StateConflictException.class, () -> therapy.recordRefill(refill("20", "10", "mg/mL", null),
                null, null, null, List.of(), ZONE, POCKET_FILL_PER_RESERVOIR_ML, REFILLED), "no program yet");
    }

    @Test
    void aShortfallOfMoreThanOneTwentiethOfTheReservoirIsAPossiblePocketFill() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);
        RecordedRefill previous = firstRefill(therapy, program, "20").result().refill();
        Instant thirtyDaysOn = Instant.parse("2030-02-09T10:00:00Z");
        // From the start of 2030-01-10 to the start of 2030-02-09: 30 days x 0.2 mL = 6 mL used, 14 mL expected.
        // The threshold is 40 mL x 0.05 = 2 mL: 12 mL measured is 2 mL short (not above it), 11.99 mL is 2.01 short.
        RecordedRefill atThreshold = therapy.recordRefill(refill("20", "10", "mg/mL", d("12")), program, previous, null,
                periods(program), ZONE, POCKET_FILL_PER_RESERVOIR_ML, thirtyDaysOn).result().refill();
        assertEquals(0, d("14").compareTo(atThreshold.expectedResidualMl()));
        assertEquals(0, d("2").compareTo(atThreshold.pocketFillThresholdMl()));
        assertFalse(atThreshold.possiblePocketFill());
        assertFalse(atThreshold.firstFill(), "a later refill is not a first fill");
        assertTrue(therapy.recordRefill(refill("20", "10", "mg/mL", d("11.99")), program, previous, null,
                periods(program), ZONE, POCKET_FILL_PER_RESERVOIR_ML, thirtyDaysOn).result().refill().possiblePocketFill());
    }

    @Test
    void anOverdueRefillCanBeAcknowledgedFromItsFirstOverdueAlertOn() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);
        RecordedRefillPlan plan = firstRefill(therapy, program, "20").result().plan();
        Instant firstAlert = Instant.parse("2030-03-31T00:00:00Z");

        assertThrows(StateConflictException.class,
                () -> therapy.acknowledgeOverdue(plan, "booked", firstAlert.minusSeconds(1)));
        assertThrows(StateConflictException.class, () -> therapy.acknowledgeOverdue(null, "booked", firstAlert));
        DosingEvent.OverdueAcknowledged ack = assertInstanceOf(DosingEvent.OverdueAcknowledged.class,
                therapy.acknowledgeOverdue(plan, "  refill booked for 14:00 ", firstAlert).get(0));
        assertEquals("refill booked for 14:00", ack.reason());
    }

    @Test
    void anExplantEndsTheTherapyOnceAndItsActsAreThenRefused() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram program = morphineProgram(therapy);
        Instant explanted = Instant.parse("2030-05-01T08:00:00Z");

        DosingEvent.TherapyEnded ended = assertInstanceOf(DosingEvent.TherapyEnded.class,
                therapy.endForExplant(explanted).get(0));
        assertEquals(PumpTherapy.EXPLANTED, ended.reason());
        assertEquals(PumpTherapyStatus.ENDED, therapy.status());
        assertEquals(List.of(), therapy.endForExplant(explanted.plusSeconds(60)), "a repeat changes nothing");
        assertEquals(OffsetDateTime.ofInstant(explanted, ZONE), therapy.endedAt());
        assertThrows(StateConflictException.class, () -> firstRefill(therapy, program, "20"));
        assertEquals(List.of(), therapy.remindRefill(true, null));
    }

    @Test
    void aDoseChangeSupersedesTheProgramInForceAndAskedForAReasonAboveTheStartingMaximum() {
        PumpTherapy therapy = activeTherapy();
        RecordedProgram first = morphineProgram(therapy);
        Instant later = Instant.parse("2030-01-20T08:00:00Z");
        // 3 mg/d is above morphine's usual starting maximum of 0.5 mg/d: needs a reason, recorded and emitted
        PumpProgram higher = PumpProgram.simpleContinuous(MORPHINE, d("10"), d("3"));
        assertThrows(RuleViolationException.class, () -> therapy.program(higher, null, null, List.of(first), later));
        Acted<PumpTherapy.ProgramChange> changed = therapy.program(higher, "pain not controlled", null, List.of(first),
                later);
        assertEquals(OffsetDateTime.ofInstant(later, ZONE), changed.result().superseded().supersededAt());
        assertEquals("pain not controlled", changed.result().program().overrideReason());
        DosingEvent.Programmed programmed = assertInstanceOf(DosingEvent.Programmed.class, changed.events().get(0));
        assertEquals(first.id(), programmed.previous().id());
        assertInstanceOf(DosingEvent.LimitOverridden.class, changed.events().get(1));
    }
}
