package org.itpump.gateway.domain;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SiuTriggerTest {

    private final Booking booked = new Booking(UUID.randomUUID(), UUID.randomUUID(), "PT-1", UUID.randomUUID(), null,
            AppointmentStatus.BOOKED, OffsetDateTime.parse("2026-12-03T08:30:00Z"),
            OffsetDateTime.parse("2026-12-03T10:00:00Z"), 90, new Booking.Theatre(UUID.randomUUID(), "OR 1"),
            new Booking.Surgeon(UUID.randomUUID(), "Okafor", "S-1"),
            new Booking.CodedProcedure("CPT", "62362", "Pump"), null, null);

    @Test
    void aFirstBookingOrOneAfterACancellationIsNew() {
        assertEquals(SiuTrigger.S12, SiuTrigger.forBooking(null, booked));
        assertEquals(SiuTrigger.S12, SiuTrigger.forBooking(booked.withStatus(AppointmentStatus.CANCELLED, null), booked));
    }

    @Test
    void aMovedSlotIsAReschedule() {
        Booking later = new Booking(booked.caseId(), booked.pathwayId(), "PT-1", booked.bookingId(), null,
                AppointmentStatus.BOOKED, booked.start().plusDays(1), booked.end().plusDays(1), 90, booked.theatre(),
                booked.surgeon(), booked.procedure(), null, null);
        assertEquals(SiuTrigger.S13, SiuTrigger.forBooking(booked, later));
    }

    @Test
    void anotherSurgeonAtTheSameTimeIsAModificationAndNoChangeIsNoMessage() {
        Booking otherSurgeon = new Booking(booked.caseId(), booked.pathwayId(), "PT-1", booked.bookingId(), null,
                AppointmentStatus.BOOKED, booked.start(), booked.end(), 90, booked.theatre(),
                new Booking.Surgeon(UUID.randomUUID(), "Lindqvist", "S-2"), booked.procedure(), null, null);
        assertEquals(SiuTrigger.S14, SiuTrigger.forBooking(booked, otherSurgeon));
        assertNull(SiuTrigger.forBooking(booked, booked));
    }
}
