package org.itpump.dosing.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One refill plan (migration V3): written at a refill and at every re-plan, never updated. The newest of a
 * therapy is in force. It keeps the drug and whether it is withdrawal-critical, so timers need no library.
 */
@Entity
@Table(name = "refill_plan")
public class RefillPlanEntity extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "therapy_id")
    public UUID therapyId;
    @Column(name = "refill_id")
    public UUID refillId;
    @Column(name = "program_id")
    public UUID programId;
    public String reason;
    public String drug;
    @Column(name = "withdrawal_critical")
    public boolean withdrawalCritical;
    @Column(name = "planned_at")
    public OffsetDateTime plannedAt;
    @Column(name = "volume_left_ml")
    public BigDecimal volumeLeftMl;
    @Column(name = "alarm_at")
    public OffsetDateTime alarmAt;
    @Column(name = "empty_at")
    public OffsetDateTime emptyAt;
    @Column(name = "safety_margin_days")
    public int safetyMarginDays;
    @Column(name = "refill_due_on")
    public LocalDate refillDueOn;
    @Column(name = "previous_refill_due_on")
    public LocalDate previousRefillDueOn;
    @Column(name = "first_overdue_alert_at")
    public OffsetDateTime firstOverdueAlertAt;
}
