package org.itpump.implant.domain;

import org.itpump.chassis.problem.StateConflictException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An implant case, the aggregate that owns the case's state machine ({@link ImplantCaseStatus}) from the passed
 * trial (or the replaced pump) to the implanted, removed or closed case. Each clinical act checks its rule and
 * returns the case after the act with the events it caused ({@link Changed}); the case itself is an immutable value,
 * so an event's snapshot never changes after the act. Times are UTC.
 *
 * @param replacesCaseId    path REPLACEMENT: the case whose pump this one replaces, else null
 * @param replacementReason path REPLACEMENT: why, else null
 * @param preOpChecklist    the confirmed pre-op items, in checklist order (unmodifiable)
 * @param bookingId         the live theatre booking, or null
 * @param implant           the procedure and the implanted pump, null until completed
 * @param explant           the pump's removal, null until explanted
 * @param closure           why and when the case closed before an implant, or null
 */
public record ImplantCase(UUID id, UUID pathwayId, String patientRef, UUID trialId, int baselineNrs, ImplantPath path,
                          UUID replacesCaseId, ExplantReason replacementReason, ImplantCaseStatus status,
                          OffsetDateTime openedAt, Set<PreOpItem> preOpChecklist, UUID bookingId, Implant implant,
                          Explant explant, Closure closure) {

    /** The close reason of a case whose trial was cancelled before the implant. */
    public static final String TRIAL_CANCELLED = "TRIAL_CANCELLED";

    public ImplantCase {
        // EnumSet keeps the checklist order, which the API and the history show
        preOpChecklist = Collections.unmodifiableSet(preOpChecklist == null || preOpChecklist.isEmpty()
                ? EnumSet.noneOf(PreOpItem.class) : EnumSet.copyOf(preOpChecklist));
    }

    /**
     * The completed two-part implant: catheter levels as labelled (e.g. L3, T10), the pump, anesthesia, and when the
     * procedure ran and was recorded.
     */
    public record Implant(String catheterEntryLevel, String catheterTipLevel, ImplantProcedure.PocketSide pumpPocketSide,
                          ImplantedPump pump, ImplantProcedure.Anesthesia anesthesia,
                          OffsetDateTime procedureStartedAt, OffsetDateTime procedureEndedAt,
                          OffsetDateTime completedAt, ImplantProcedure.CatheterDevice catheter) {
    }

    /**
     * The implanted pump as the device catalogue spells it, the serial and reservoir (mL) as recorded, and the
     * catalogue's facts of the model (issue 12 section 2). The facts (from lowReservoirAlarmMl on) are null for a
     * case completed before the catalogue existed; mriConditions one entry per condition.
     */
    public record ImplantedPump(String manufacturer, String model, String serialNumber, BigDecimal reservoirVolumeMl,
                                BigDecimal lowReservoirAlarmMl, BigDecimal lowReservoirAlarmMinMl,
                                BigDecimal lowReservoirAlarmMaxMl, DeviceCatalogue.PumpMechanism mechanism,
                                DeviceCatalogue.MriSafety mriSafety, String mriSummary, List<String> mriConditions,
                                String mriSource, String catalogueSource, String lotNumber, LocalDate expiresOn,
                                String udi) {

        static ImplantedPump of(DeviceCatalogue.PumpModel model, ImplantProcedure.PumpDevice device) {
            return new ImplantedPump(model.manufacturer(), model.model(), device.serialNumber(),
                    device.reservoirVolumeMl(), model.lowReservoirAlarm().defaultMl(), model.lowReservoirAlarm().minMl(),
                    model.lowReservoirAlarm().maxMl(), model.mechanism(), model.mri().safety(), model.mri().summary(),
                    model.mri().conditions(), model.mri().source(), model.source(), device.lotNumber(),
                    device.expiresOn(), device.udi());
        }
    }

    /**
     * The pump's removal. replacedByCaseId: the replacement whose surgery removed it, else null; withdrawalPlan: the
     * plan recorded with an explant planned in advance, else null.
     */
    public record Explant(ExplantReason reason, OffsetDateTime explantedAt, UUID replacedByCaseId,
                          WithdrawalPlan withdrawalPlan) {
    }

    /** Why (e.g. {@link #TRIAL_CANCELLED}) and when the case closed. */
    public record Closure(String reason, OffsetDateTime closedAt) {
    }

    /**
     * The surgeon's record of the procedure as reported, before it is checked: catheter entry and tip levels as
     * written (e.g. "L3", "T10"), pocket side, device, anesthesia, start and end.
     */
    public record OperationNote(String catheterEntryLevel, String catheterTipLevel,
                                ImplantProcedure.PocketSide pocketSide, ImplantProcedure.PumpDevice device,
                                ImplantProcedure.Anesthesia anesthesia, OffsetDateTime startedAt,
                                OffsetDateTime endedAt, ImplantProcedure.CatheterDevice catheter) {

        /** A note without the catheter device. */
        public OperationNote(String catheterEntryLevel, String catheterTipLevel, ImplantProcedure.PocketSide pocketSide,
                             ImplantProcedure.PumpDevice device, ImplantProcedure.Anesthesia anesthesia,
                             OffsetDateTime startedAt, OffsetDateTime endedAt) {
            this(catheterEntryLevel, catheterTipLevel, pocketSide, device, anesthesia, startedAt, endedAt, null);
        }
    }

    /**
     * The case after an act, the theatre booking the act made or changed (null when it touched none) and the events
     * it caused, in publishing order (empty when nothing happened).
     */
    public record Changed(ImplantCase implantCase, TheatreBooking booking, List<ImplantEvent> events) {
        public Changed {
            events = List.copyOf(events);
        }

        /**
         * The same change with its booking and completion events attributed to {@code by}, the person whose request
         * made it (HL7 SIU SCH-20 "entered by" downstream); other events unchanged.
         */
        public Changed enteredBy(String by) {
            return new Changed(implantCase, booking, events.stream().map(event -> event instanceof ImplantEvent.Appointment a
                    ? a.enteredBy(by) : event instanceof ImplantEvent.Completed c
                    ? new ImplantEvent.Completed(c.implantCase(), by) : event).toList());
        }
    }

    /** A new case for a passed trial, awaiting scheduling. Emits {@link ImplantEvent.CaseOpened}. */
    public static Changed openForPassedTrial(UUID pathwayId, String patientRef, UUID trialId, int baselineNrs,
                                             OffsetDateTime at) {
        ImplantCase opened = new ImplantCase(UUID.randomUUID(), pathwayId, patientRef, trialId, baselineNrs,
                ImplantPath.TRIAL, null, null, ImplantCaseStatus.AWAITING_SCHEDULING, at, Set.of(), null, null, null,
                null);
        return new Changed(opened, null, List.of(new ImplantEvent.CaseOpened(opened)));
    }

    public PreOpChecklist checklist() {
        return new PreOpChecklist(preOpChecklist);
    }

    /**
     * Opens a REPLACEMENT case for this one (same pathway, patient, trial and baseline; no new screening trial):
     * 409 unless this case's pump was implanted and it has no live replacement ({@link PumpReplacement}).
     * Returns the new case; emits its {@link ImplantEvent.CaseOpened}.
     *
     * @param liveReplacement this case's replacement that is not CLOSED, or null
     */
    public Changed openReplacement(ExplantReason reason, ImplantCase liveReplacement, OffsetDateTime at) {
        PumpReplacement.requireReplaceable(id, status, liveReplacement == null ? null : liveReplacement.id(),
                liveReplacement == null ? null : liveReplacement.status());
        ImplantCase opened = new ImplantCase(UUID.randomUUID(), pathwayId, patientRef, trialId, baselineNrs,
                ImplantPath.REPLACEMENT, id, reason, ImplantCaseStatus.AWAITING_SCHEDULING, at, Set.of(), null, null,
                null, null);
        return new Changed(opened, null, List.of(new ImplantEvent.CaseOpened(opened)));
    }

    /** Replaces the confirmed pre-op items (every item confirmed so far): 409 unless the case is still open. */
    public Changed confirmPreOp(Set<PreOpItem> confirmed) {
        return confirmPreOp(confirmed, null, null);
    }

    /**
     * The checklist becomes {@code confirmed}; emits {@link ImplantEvent.PreOpChecklistUpdated} by {@code by} at
     * {@code at} (none when {@code at} is null: a domain test's shortcut). 409 on a case no longer open.
     */
    public Changed confirmPreOp(Set<PreOpItem> confirmed, String by, OffsetDateTime at) {
        requireOpen("change the pre-op checklist");
        ImplantCase updated = with(status, confirmed, bookingId, implant, explant, closure);
        return new Changed(updated, null, at == null ? List.of()
                : List.of(new ImplantEvent.PreOpChecklistUpdated(updated, by, at)));
    }

    /**
     * Checks, before the room and surgeon are looked up, that the case can be booked (409) and the slot is one
     * (422: in the future, 30-480 minutes; {@link TheatreSlot}).
     */
    public TheatreSlot slotToBook(OffsetDateTime start, int durationMinutes, Instant now) {
        status.transitionTo(ImplantCaseStatus.SCHEDULED);
        return TheatreSlot.book(start.toInstant(), durationMinutes, now);
    }

    /** Books the surgery in {@code slot}; the case is SCHEDULED. Emits the SCHEDULED {@link ImplantEvent.Appointment}. */
    public Changed book(TheatreSlot slot, OperatingRoom room, Surgeon surgeon, OffsetDateTime at) {
        ImplantCaseStatus scheduled = status.transitionTo(ImplantCaseStatus.SCHEDULED);
        TheatreBooking booking = TheatreBooking.place(id, slot, room.id(), surgeon.id(), at);
        ImplantCase booked = with(scheduled, preOpChecklist, booking.id(), implant, explant, closure);
        return new Changed(booked, booking, List.of(new ImplantEvent.Appointment(ImplantEvent.AppointmentChange.SCHEDULED,
                booked, booking, room, surgeon, null, null, null)));
    }

    /** Checks that the case can be rescheduled (409: only a SCHEDULED case) and the new slot (422). */
    public TheatreSlot slotToReschedule(OffsetDateTime start, int durationMinutes, Instant now) {
        requireScheduled();
        return TheatreSlot.book(start.toInstant(), durationMinutes, now);
    }

    /**
     * Moves the case's {@code booking} to {@code slot}, room and surgeon, for {@code reason} (free text) and
     * {@code reasonCode} (null when not given). Emits the RESCHEDULED {@link ImplantEvent.Appointment} with the former
     * start.
     */
    public Changed reschedule(TheatreBooking booking, TheatreSlot slot, OperatingRoom room, Surgeon surgeon,
                              String reason, BookingChangeReason reasonCode) {
        requireScheduled();
        TheatreBooking moved = requireOwn(booking).moveTo(slot, room.id(), surgeon.id());
        return new Changed(this, moved, List.of(new ImplantEvent.Appointment(
                ImplantEvent.AppointmentChange.RESCHEDULED, this, moved, room, surgeon, reason, reasonCode,
                booking.startsAt())));
    }

    /**
     * Cancels the case's booking (room and surgeon: the booking's) for {@code reason} and {@code reasonCode} (null
     * when not given); the case awaits scheduling again. 409 unless SCHEDULED. Emits the CANCELLED
     * {@link ImplantEvent.Appointment}.
     */
    public Changed cancelBooking(TheatreBooking booking, OperatingRoom room, Surgeon surgeon, String reason,
                                 BookingChangeReason reasonCode) {
        ImplantCaseStatus awaiting = status.transitionTo(ImplantCaseStatus.AWAITING_SCHEDULING);
        TheatreBooking cancelled = requireOwn(booking).cancel();
        ImplantCase unbooked = with(awaiting, preOpChecklist, null, implant, explant, closure);
        return new Changed(unbooked, cancelled, List.of(new ImplantEvent.Appointment(
                ImplantEvent.AppointmentChange.CANCELLED, unbooked, cancelled, room, surgeon, reason, reasonCode, null)));
    }

    /**
     * A trial cancelled before surgery closes its case, and cancels its booking (when there is one: {@code booking}
     * with its room and surgeon, else nulls). A case already closed stays as it is (no event). After the implant the
     * cancellation is refused (409): the event goes to the dead-letter topic for a person to look at. Emits the
     * booking's CANCELLED {@link ImplantEvent.Appointment}, then {@link ImplantEvent.CaseClosed}.
     *
     * @param trialReason the trial's cancellation reason
     */
    public Changed closeForCancelledTrial(String trialReason, TheatreBooking booking, OperatingRoom room,
                                          Surgeon surgeon, OffsetDateTime at) {
        if (status == ImplantCaseStatus.CLOSED) {
            return new Changed(this, null, List.of());
        }
        if (status == ImplantCaseStatus.COMPLETED || status == ImplantCaseStatus.EXPLANTED) {
            throw new StateConflictException("Trial " + trialId + " was cancelled after its implant (case " + id
                    + " is " + status + ")");
        }
        ImplantCase closing = this;
        TheatreBooking cancelled = null;
        List<ImplantEvent> events = new ArrayList<>();
        if (bookingId != null) {
            cancelled = requireOwn(booking).cancel();
            closing = with(status, preOpChecklist, null, implant, explant, closure);
            events.add(new ImplantEvent.Appointment(ImplantEvent.AppointmentChange.CANCELLED, closing, cancelled, room,
                    surgeon, "trial cancelled: " + trialReason, BookingChangeReason.TRIAL_CANCELLED, null));
        }
        ImplantCase closed = closing.with(status.transitionTo(ImplantCaseStatus.CLOSED), preOpChecklist, null,
                implant, explant, new Closure(TRIAL_CANCELLED, at));
        events.add(new ImplantEvent.CaseClosed(closed));
        return new Changed(closed, cancelled, events);
    }

    /**
     * Records the two-part procedure: 409 unless SCHEDULED (state first), then 422 while the pre-op checklist is
     * incomplete, for a procedure that breaks {@link ImplantProcedure#record}'s rules, and for a device that is not a
     * catalogue model in one of its reservoir volumes ({@link DeviceCatalogue#identify}). The pump is recorded as
     * the catalogue spells it, with its facts. Emits {@link ImplantEvent.Completed}.
     */
    public Changed complete(OperationNote note, DeviceCatalogue catalogue, Instant now, OffsetDateTime at) {
        ImplantCaseStatus completed = status.transitionTo(ImplantCaseStatus.COMPLETED);
        checklist().requireComplete();
        ImplantProcedure procedure = ImplantProcedure.record(note.catheterEntryLevel(), note.catheterTipLevel(),
                note.pocketSide(), note.device(), note.anesthesia(), note.startedAt().toInstant(),
                note.endedAt().toInstant(), now);
        DeviceCatalogue.PumpModel model = catalogue.identify(procedure.device().manufacturer(),
                procedure.device().model(), procedure.device().reservoirVolumeMl());
        Implant done = new Implant(procedure.catheterEntryLevel().label(), procedure.catheterTipLevel().label(),
                procedure.pocketSide(), ImplantedPump.of(model, procedure.device()), procedure.anesthesia(),
                utc(note.startedAt()), utc(note.endedAt()), at, note.catheter());
        ImplantCase implanted = with(completed, preOpChecklist, bookingId, done, explant, closure);
        return new Changed(implanted, null, List.of(new ImplantEvent.Completed(implanted)));
    }

    /**
     * What completing {@code replacement} does to this, the case it replaces: a pump still in (COMPLETED) is removed
     * in the same surgery, so this case becomes EXPLANTED (the replacement's reason, at its procedure's end,
     * replacedByCaseId) and emits {@link ImplantEvent.Explanted}; a pump already removed stays as it is (no event).
     */
    public Changed removedBy(ImplantCase replacement) {
        if (!PumpReplacement.removesReplacedPump(status)) {
            return new Changed(this, null, List.of());
        }
        ImplantCase removed = with(status.transitionTo(ImplantCaseStatus.EXPLANTED), preOpChecklist, bookingId, implant,
                new Explant(replacement.replacementReason(), replacement.implant().procedureEndedAt(),
                        replacement.id(), null), closure);
        return new Changed(removed, null, List.of(new ImplantEvent.Explanted(removed)));
    }

    /**
     * Records the pump's removal, at any time after the implant (409 otherwise, before any 422). An explant planned
     * in advance may bring its withdrawal plan: 422 when it starts after the explant's day in the hospital zone
     * ({@link WithdrawalPlan#recordedAt}). Emits {@link ImplantEvent.Explanted}.
     *
     * @param stated the plan as stated (kind, first day, detail), not yet checked; null when none
     */
    public Changed explant(ExplantReason reason, WithdrawalPlan stated, ZoneId hospitalZone, OffsetDateTime at) {
        ImplantCaseStatus explanted = status.transitionTo(ImplantCaseStatus.EXPLANTED);
        WithdrawalPlan plan = null;
        if (stated != null) {
            LocalDate today = at.atZoneSameInstant(hospitalZone).toLocalDate();
            plan = WithdrawalPlan.recordedAt(stated.kind(), stated.startedOn(), stated.detail(), today, today);
        }
        ImplantCase removed = with(explanted, preOpChecklist, bookingId, implant,
                new Explant(reason, at, null, plan), closure);
        return new Changed(removed, null, List.of(new ImplantEvent.Explanted(removed)));
    }

    private void requireOpen(String action) {
        if (status != ImplantCaseStatus.AWAITING_SCHEDULING && status != ImplantCaseStatus.SCHEDULED) {
            throw new StateConflictException("Cannot " + action + ": the case is " + status);
        }
    }

    private void requireScheduled() {
        if (status != ImplantCaseStatus.SCHEDULED) {
            throw new StateConflictException("Only a scheduled case can be rescheduled; this one is " + status);
        }
    }

    private TheatreBooking requireOwn(TheatreBooking booking) {
        Objects.requireNonNull(booking, "booking");
        if (!booking.id().equals(bookingId)) {
            throw new IllegalArgumentException("Booking " + booking.id() + " is not case " + id + "'s (" + bookingId + ")");
        }
        return booking;
    }

    private ImplantCase with(ImplantCaseStatus newStatus, Set<PreOpItem> checklist, UUID booking, Implant done,
                             Explant removal, Closure closed) {
        return new ImplantCase(id, pathwayId, patientRef, trialId, baselineNrs, path, replacesCaseId,
                replacementReason, newStatus, openedAt, checklist, booking, done, removal, closed);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
