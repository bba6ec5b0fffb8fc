package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.itpump.implant.domain.TheatreBooking;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "theatre_booking")
public class TheatreBookingEntity extends PanacheEntityBase {
    public static final String BOOKED = TheatreBooking.Status.BOOKED.name();

    @Id
    public UUID id;
    @Column(name = "case_id")
    public UUID caseId;
    @Column(name = "operating_room_id")
    public UUID operatingRoomId;
    @Column(name = "surgeon_id")
    public UUID surgeonId;
    @Column(name = "starts_at")
    public OffsetDateTime startsAt;
    @Column(name = "ends_at")
    public OffsetDateTime endsAt;
    public String status;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    public TheatreBooking toBooking() {
        return new TheatreBooking(id, caseId, operatingRoomId, surgeonId, startsAt, endsAt,
                TheatreBooking.Status.valueOf(status), createdAt);
    }

    /** Writes {@code b}'s state into this row (the version stays). */
    void apply(TheatreBooking b) {
        id = b.id();
        caseId = b.caseId();
        operatingRoomId = b.operatingRoomId();
        surgeonId = b.surgeonId();
        startsAt = b.startsAt();
        endsAt = b.endsAt();
        status = b.status().name();
        createdAt = b.createdAt();
    }
}
