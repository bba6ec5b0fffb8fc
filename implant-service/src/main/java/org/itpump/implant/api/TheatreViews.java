package org.itpump.implant.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.itpump.chassis.security.CallerView;
import org.itpump.implant.api.TheatreResource.Surgeon;
import org.itpump.implant.service.TheatreService;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The theatre list as each role may see it (least privilege, {@link CallerView}). Schedulers, clinicians and nurses
 * get {@link Booking}: the slot, the case, the surgeon and the patient reference a scheduler calls the patient in by;
 * no pain score or other clinical value is on the list at all. Ops gets {@link OperationalBooking}: how the rooms
 * are used, without the patient reference (kept in the record for the audit trail, never sent).
 */
public final class TheatreViews {

    static final String VIEWS = "By the caller's widest role: scheduler, clinician, nurse: bookings as "
            + "TheatreBooking (with patientRef); ops: TheatreBookingOperationalView (no patientRef)";

    private TheatreViews() {
    }

    /** A booking on the day's list, for scheduling: who, where, when, with whom. */
    @Schema(name = "TheatreBooking", description = "A booking on the theatre list (roles scheduler, clinician, nurse)")
    public record Booking(UUID bookingId, UUID caseId, String patientRef, OffsetDateTime start, OffsetDateTime end,
                          Surgeon surgeon) {
    }

    /** A booking as ops sees it: the room's use, not the patient. */
    @Schema(name = "TheatreBookingOperationalView", description = "A booking on the theatre list as ops sees it (role ops)")
    public record OperationalBooking(UUID bookingId, UUID caseId, OffsetDateTime start, OffsetDateTime end,
                                     Surgeon surgeon, @JsonIgnore @Schema(hidden = true) String patientRef) {
    }

    /** One room's day; {@code bookings} holds {@link Booking} or {@link OperationalBooking} rows, by the caller. */
    @Schema(name = "TheatreRoomList")
    public record RoomList(UUID operatingRoomId, String name,
                           @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY,
                                   oneOf = {Booking.class, OperationalBooking.class}) List<Object> bookings) {
    }

    static RoomList of(TheatreService.RoomDay day, CallerView view) {
        return new RoomList(day.room().id(), day.room().name(), day.bookings().stream().map(listed -> booking(listed, view))
                .toList());
    }

    private static Object booking(TheatreService.ListedBooking listed, CallerView view) {
        String patientRef = listed.implantCase() == null ? null : listed.implantCase().patientRef();
        Surgeon surgeon = Surgeon.of(listed.surgeon());
        return view == CallerView.OPERATIONAL
                ? new OperationalBooking(listed.booking().id(), listed.booking().caseId(), listed.booking().startsAt(),
                        listed.booking().endsAt(), surgeon, patientRef)
                : new Booking(listed.booking().id(), listed.booking().caseId(), patientRef, listed.booking().startsAt(),
                        listed.booking().endsAt(), surgeon);
    }
}
