package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.implant.domain.OperatingRoom;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "operating_room")
public class OperatingRoomEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public OperatingRoom toRoom() {
        return new OperatingRoom(id, name, createdAt);
    }

    static OperatingRoomEntity of(OperatingRoom room) {
        OperatingRoomEntity row = new OperatingRoomEntity();
        row.id = room.id();
        row.name = room.name();
        row.createdAt = room.createdAt();
        return row;
    }
}
