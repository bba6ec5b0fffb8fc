package org.itpump.implant.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.itpump.implant.domain.Surgeon;

import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "surgeon")
public class SurgeonEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    @Column(name = "staff_ref")
    public String staffRef;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    public Surgeon toSurgeon() {
        return new Surgeon(id, name, staffRef, createdAt);
    }

    static SurgeonEntity of(Surgeon surgeon) {
        SurgeonEntity row = new SurgeonEntity();
        row.id = surgeon.id();
        row.name = surgeon.name();
        row.staffRef = surgeon.staffRef();
        row.createdAt = surgeon.createdAt();
        return row;
    }
}
