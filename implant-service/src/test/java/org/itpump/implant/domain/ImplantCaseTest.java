package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.itpump.implant.domain.ImplantProcedure.Anesthesia;
import org.itpump.implant.domain.ImplantProcedure.PocketSide;
import org.itpump.implant.domain.ImplantProcedure.PumpDevice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The implant case's acts in plain Java: each checks its rule, returns the changed case and the events it caused. */
class ImplantCaseTest {

    private static final OffsetDateTime OPENED = OffsetDateTime.of(2026, 11, 20, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime SURGERY = OffsetDateTime.of(2026, 11, 26, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Instant AFTER_SURGERY = Instant.parse("2026-11-26T12:00:00Z");
    private static final DeviceCatalogue CATALOGUE = DeviceCatalogue.bundled();
    private static final OperatingRoom ROOM = new OperatingRoom(UUID.randomUUID(), "Theatre 3", OPENED);
    private static final Surgeon SURGEON = new Surgeon(UUID.randomUUID(), "Dr Grey", "STAFF-7", OPENED);

    private static ImplantCase opened() {
        return ImplantCase.openForPassedTrial(UUID.randomUUID(), "MRN-REF-1", UUID.randomUUID(), 8, OPENED).implantCase();
    }

    /** Opened, pre-op confirmed and booked for 09:00-10:30 on 26 Nov. */
    private static ImplantCase scheduled() {
        ImplantCase ready = opened().confirmPreOp(EnumSet.allOf(PreOpItem.class)).implantCase();
        TheatreSlot slot = ready.slotToBook(SURGERY, 90, OPENED.toInstant());
        return ready.book(slot, ROOM, SURGEON, OPENED).implantCase();
    }

    private static ImplantCase.OperationNote note(String model, String reservoirMl) {
        return new ImplantCase.OperationNote("L2-L3", "T10", PocketSide.RIGHT,
                new PumpDevice("medtronic", model, "NGP123456H", new BigDecimal(reservoirMl)), Anesthesia.SEDATION,
                SURGERY.withOffsetSameInstant(ZoneOffset.ofHours(1)), SURGERY.plusMinutes(90));
    }

    @Test
    void aPassedTrialOpensACaseAwaitingSchedulingWithItsEvent() {
        ImplantCase.Changed opened = ImplantCase.openForPassedTrial(UUID.randomUUID(), "MRN-REF-1", UUID.randomUUID(),
                8, OPENED);
        assertEquals(ImplantCaseStatus.AWAITING_SCHEDULING, opened.implantCase().status());
        assertEquals(ImplantPath.TRIAL, opened.implantCase().path());
        assertEquals(List.of(new ImplantEvent.CaseOpened(opened.implantCase())), opened.events());
    }

    @Test
    void bookingSchedulesTheCaseAndEmitsTheAppointmentWithItsRoomAndSurgeon() {
        ImplantCase open = opened();
        ImplantCase.Changed booked = open.book(open.slotToBook(SURGERY, 90, OPENED.toInstant()), ROOM, SURGEON, OPENED);
        assertEquals(ImplantCaseStatus.SCHEDULED, booked.implantCase().status());
        assertEquals(booked.booking().id(), booked.implantCase().bookingId());
        // 09:00 UTC + 90 minutes = 10:30 UTC
        assertEquals(SURGERY.plusMinutes(90), booked.booking().endsAt());
        ImplantEvent.Appointment appointment = assertInstanceOf(ImplantEvent.Appointment.class, booked.events().get(0));
        assertEquals(ImplantEvent.AppointmentChange.SCHEDULED, appointment.change());
        assertSame(ROOM, appointment.room());
    }

    @Test
    void completingRecordsTheCataloguesPumpAndEmitsCompleted() {
        ImplantCase.Changed completed = scheduled().complete(note("synchromed ii", "40"), CATALOGUE, AFTER_SURGERY,
                SURGERY.plusHours(2));
        ImplantCase.Implant implant = completed.implantCase().implant();
        assertEquals(ImplantCaseStatus.COMPLETED, completed.implantCase().status());
        assertEquals("Medtronic", implant.pump().manufacturer(), "the catalogue's spelling");
        assertEquals("SynchroMed II", implant.pump().model());
        assertEquals(0, new BigDecimal("2.0").compareTo(implant.pump().lowReservoirAlarmMl()));
        // started 10:00+01:00 is 09:00 UTC
        assertEquals(SURGERY, implant.procedureStartedAt());
        assertEquals("T10", implant.catheterTipLevel());
        assertEquals(List.of(new ImplantEvent.Completed(completed.implantCase())), completed.events());
    }

    @Test
    void completingACaseThatIsNotScheduledIsAConflictBeforeAnyOtherRule() {
        ImplantCase open = opened(); // checklist empty too: the state is judged first (409 before 422)
        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> open.complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY, SURGERY.plusHours(2)));
        assertEquals("An implant case that is AWAITING_SCHEDULING cannot become COMPLETED", refused.getMessage());
    }

    @Test
    void completingWithAnIncompleteChecklistOrAnUnknownReservoirIsRefused() {
        ImplantCase open = opened().confirmPreOp(EnumSet.of(PreOpItem.CONSENT_SIGNED)).implantCase();
        ImplantCase booked = open.book(open.slotToBook(SURGERY, 90, OPENED.toInstant()), ROOM, SURGEON, OPENED)
                .implantCase();
        RuleViolationException incomplete = assertThrows(RuleViolationException.class,
                () -> booked.complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY, SURGERY.plusHours(2)));
        assertEquals(List.of("missing: ANTICOAGULATION_HELD", "missing: INFECTION_SCREEN_CLEAR",
                "missing: IMAGING_REVIEWED"), incomplete.details());
        assertThrows(RuleViolationException.class, () -> scheduled().complete(note("SynchroMed II", "30"), CATALOGUE,
                AFTER_SURGERY, SURGERY.plusHours(2)));
    }

    @Test
    void aReplacementsCompletionExplantsTheReplacedPumpAtItsProcedureEnd() {
        ImplantCase first = scheduled().complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY,
                SURGERY.plusHours(2)).implantCase();
        ImplantCase.Changed opened = first.openReplacement(ExplantReason.BATTERY_END_OF_LIFE, null, SURGERY.plusYears(6));
        ImplantCase replacement = opened.implantCase();
        assertEquals(first.id(), replacement.replacesCaseId());
        assertThrows(StateConflictException.class,
                () -> first.openReplacement(ExplantReason.DEVICE_MALFUNCTION, replacement, SURGERY.plusYears(6)),
                "one live replacement at a time");

        // a replacement done 26 Nov, 09:00-10:30 UTC: the old pump comes out at 10:30 UTC
        ImplantCase done = replacement.confirmPreOp(EnumSet.allOf(PreOpItem.class)).implantCase();
        done = done.book(done.slotToBook(SURGERY, 90, OPENED.toInstant()), ROOM, SURGEON, OPENED).implantCase()
                .complete(note("SynchroMed II", "20"), CATALOGUE, AFTER_SURGERY, SURGERY.plusHours(2)).implantCase();
        ImplantCase.Changed removed = first.removedBy(done);
        assertEquals(ImplantCaseStatus.EXPLANTED, removed.implantCase().status());
        assertEquals(new ImplantCase.Explant(ExplantReason.BATTERY_END_OF_LIFE, SURGERY.plusMinutes(90), done.id(), null),
                removed.implantCase().explant());
        assertEquals(List.of(new ImplantEvent.Explanted(removed.implantCase())), removed.events());
        assertTrue(removed.implantCase().removedBy(done).events().isEmpty(), "a pump already out stays out");
    }

    @Test
    void anExplantsWithdrawalPlanMayNotStartAfterTheExplantsDayInTheHospitalZone() {
        ImplantCase implanted = scheduled().complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY,
                SURGERY.plusHours(2)).implantCase();
        // 23:30 UTC on 30 Nov is already 1 Dec in Sydney (UTC+11): a plan from 1 Dec is allowed there, not in UTC
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 30, 23, 30, 0, 0, ZoneOffset.UTC);
        WithdrawalPlan fromFirstDecember = new WithdrawalPlan(WithdrawalPlan.Kind.ORAL_BRIDGE, LocalDate.of(2026, 12, 1),
                " oral baclofen 10 mg tds ");
        assertThrows(RuleViolationException.class, () -> implanted.explant(ExplantReason.INFECTION, fromFirstDecember,
                ZoneOffset.UTC, at));
        ImplantCase.Changed explanted = implanted.explant(ExplantReason.INFECTION, fromFirstDecember,
                ZoneId.of("Australia/Sydney"), at);
        assertEquals(new WithdrawalPlan(WithdrawalPlan.Kind.ORAL_BRIDGE, LocalDate.of(2026, 12, 1), "oral baclofen 10 mg tds"),
                explanted.implantCase().explant().withdrawalPlan());
        assertEquals(List.of(new ImplantEvent.Explanted(explanted.implantCase())), explanted.events());
        assertThrows(StateConflictException.class,
                () -> opened().explant(ExplantReason.INFECTION, null, ZoneOffset.UTC, at), "nothing to explant yet");
    }

    @Test
    void aCancelledTrialClosesTheCaseAfterCancellingItsBookingAndNeverAfterTheImplant() {
        ImplantCase open = opened();
        ImplantCase.Changed booked = open.book(open.slotToBook(SURGERY, 90, OPENED.toInstant()), ROOM, SURGEON, OPENED);
        ImplantCase.Changed closed = booked.implantCase().closeForCancelledTrial("PATIENT_WITHDREW", booked.booking(),
                ROOM, SURGEON, SURGERY.minusDays(1));
        assertEquals(ImplantCaseStatus.CLOSED, closed.implantCase().status());
        assertNull(closed.implantCase().bookingId());
        assertEquals(TheatreBooking.Status.CANCELLED, closed.booking().status());
        assertEquals(new ImplantCase.Closure(ImplantCase.TRIAL_CANCELLED, SURGERY.minusDays(1)), closed.implantCase().closure());
        ImplantEvent.Appointment cancelled = assertInstanceOf(ImplantEvent.Appointment.class, closed.events().get(0));
        assertEquals("trial cancelled: PATIENT_WITHDREW", cancelled.reason());
        assertEquals(new ImplantEvent.CaseClosed(closed.implantCase()), closed.events().get(1));
        assertTrue(closed.implantCase().closeForCancelledTrial("OTHER", null, null, null, SURGERY).events().isEmpty(),
                "a closed case stays as it is");

        ImplantCase implanted = scheduled().complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY,
                SURGERY.plusHours(2)).implantCase();
        assertThrows(StateConflictException.class,
                () -> implanted.closeForCancelledTrial("OTHER", null, null, null, SURGERY.plusDays(1)));
    }

    @Test
    void thePreOpChecklistChangesOnlyWhileTheCaseIsOpen() {
        ImplantCase implanted = scheduled().complete(note("SynchroMed II", "40"), CATALOGUE, AFTER_SURGERY,
                SURGERY.plusHours(2)).implantCase();
        StateConflictException refused = assertThrows(StateConflictException.class,
                () -> implanted.confirmPreOp(EnumSet.noneOf(PreOpItem.class)));
        assertEquals("Cannot change the pre-op checklist: the case is COMPLETED", refused.getMessage());
    }
}
