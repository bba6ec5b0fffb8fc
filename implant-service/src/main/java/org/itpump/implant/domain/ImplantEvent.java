package org.itpump.implant.domain;

import java.time.OffsetDateTime;

/**
 * What an implant case's acts caused, each carrying the case as it stood after the act. messaging/ turns them into
 * the published contract payloads (contracts/schemas/implant.*.json).
 */
public sealed interface ImplantEvent {

    /** The case after the act. */
    ImplantCase implantCase();

    /** A case was opened, by a passed trial or as a replacement (implant.case-opened). */
    record CaseOpened(ImplantCase implantCase) implements ImplantEvent {
    }

    /** A case was closed before its implant (implant.case-closed). */
    record CaseClosed(ImplantCase implantCase) implements ImplantEvent {
    }

    /** The kind of change of a theatre booking, as HL7 SIU names it. */
    enum AppointmentChange {
        /** SIU S12, implant.scheduled. */
        SCHEDULED,
        /** SIU S13, implant.rescheduled. */
        RESCHEDULED,
        /** SIU S15, implant.cancelled. */
        CANCELLED
    }

    /**
     * A theatre booking was made, moved or cancelled, with its room and surgeon.
     *
     * @param reason        why it was moved or cancelled, null for a new booking
     * @param previousStart a moved booking's former start, else null
     * @param enteredBy     who made the change (the caller's token: JWT upn, else sub; HL7 SIU SCH-20); null for a
     *                      change the service made itself (a cancelled trial)
     */
    record Appointment(AppointmentChange change, ImplantCase implantCase, TheatreBooking booking, OperatingRoom room,
                       Surgeon surgeon, String reason, BookingChangeReason reasonCode, OffsetDateTime previousStart,
                       String enteredBy)
            implements ImplantEvent {

        /** A change not yet attributed to a person. */
        public Appointment(AppointmentChange change, ImplantCase implantCase, TheatreBooking booking, OperatingRoom room,
                           Surgeon surgeon, String reason, BookingChangeReason reasonCode, OffsetDateTime previousStart) {
            this(change, implantCase, booking, room, surgeon, reason, reasonCode, previousStart, null);
        }

        /** The same change, entered by {@code by}. */
        public Appointment enteredBy(String by) {
            return new Appointment(change, implantCase, booking, room, surgeon, reason, reasonCode, previousStart, by);
        }
    }

    /**
     * The pre-op checklist was confirmed or changed (implant.pre-op-checklist-updated), with the case's checklist after it.
     *
     * @param updatedBy the confirming clinician or nurse (the caller's token)
     */
    record PreOpChecklistUpdated(ImplantCase implantCase, String updatedBy, OffsetDateTime updatedAt) implements ImplantEvent {
    }

    /**
     * The pump was implanted (implant.completed).
     *
     * @param enteredBy who recorded the completion (the caller's token; HL7 SIU SCH-20 of the S14 that closes the
     *                  booking), null when not attributed
     */
    record Completed(ImplantCase implantCase, String enteredBy) implements ImplantEvent {

        /** A completion not yet attributed to a person. */
        public Completed(ImplantCase implantCase) {
            this(implantCase, null);
        }
    }

    /** The pump was removed, alone or by its replacement's surgery (implant.explanted). */
    record Explanted(ImplantCase implantCase) implements ImplantEvent {
    }
}
