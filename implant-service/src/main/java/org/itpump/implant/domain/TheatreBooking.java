package org.itpump.implant.domain;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A case's slot in an operating room with a surgeon (HL7 SIU's appointment). No room and no surgeon is
 * double-booked: PostgreSQL's exclusion constraints judge that, not this class. Times are UTC.
 */
public record TheatreBooking(UUID id, UUID caseId, UUID operatingRoomId, UUID surgeonId, OffsetDateTime startsAt,
                             OffsetDateTime endsAt, Status status, OffsetDateTime createdAt) {

    /** BOOKED holds the slot; CANCELLED frees it (published as the appointment's status). */
    public enum Status { BOOKED, CANCELLED }

    /** A new booking of {@code slot} for the case. */
    static TheatreBooking place(UUID caseId, TheatreSlot slot, UUID operatingRoomId, UUID surgeonId,
                                OffsetDateTime at) {
        return new TheatreBooking(UUID.randomUUID(), caseId, operatingRoomId, surgeonId, utc(slot.start()),
                utc(slot.end()), Status.BOOKED, at);
    }

    /** The booking moved to {@code slot}, perhaps to another room or surgeon. */
    TheatreBooking moveTo(TheatreSlot slot, UUID room, UUID surgeon) {
        return new TheatreBooking(id, caseId, room, surgeon, utc(slot.start()), utc(slot.end()), status, createdAt);
    }

    TheatreBooking cancel() {
        return new TheatreBooking(id, caseId, operatingRoomId, surgeonId, startsAt, endsAt, Status.CANCELLED, createdAt);
    }

    private static OffsetDateTime utc(java.time.Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
