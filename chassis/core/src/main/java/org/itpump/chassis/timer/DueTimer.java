package org.itpump.chassis.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A durable timer row (table due_timer, chassis migration V0_2). */
@Entity
@Table(name = "due_timer")
public class DueTimer extends PanacheEntityBase {
    @Id
    public UUID id;
    public String kind;
    @Column(name = "subject_id")
    public UUID subjectId;
    @Column(name = "timer_key")
    public String key;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    @Column(name = "fired_at")
    public OffsetDateTime firedAt;
    @Column(name = "cancelled_at")
    public OffsetDateTime cancelledAt;
    @Version
    public long version;
}
