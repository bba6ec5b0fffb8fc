package org.itpump.chassis.timer;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A durable timer row (table due_timer, chassis migrations V0_2 and V0_9). failures: failed attempts in a row since
 * it was (re)scheduled; nextAttemptAt: not tried again before then (null: as soon as due); lastFailure: why the
 * last attempt failed; alertedAt: when the handler was asked to raise the alert for it.
 */
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
    public int failures;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_failure")
    public String lastFailure;
    @Column(name = "alerted_at")
    public OffsetDateTime alertedAt;
    @Version
    public long version;
}
