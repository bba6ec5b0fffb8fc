-- Every refill plan, oldest first: the one made at the refill, then one per re-plan (a program change). A plan is
-- never updated; the newest one of a therapy is in force, the older ones are its history.
create table refill_plan (
    id                      uuid primary key,
    therapy_id              uuid           not null references pump_therapy (id),
    refill_id               uuid           not null references refill (id),
    program_id              uuid           not null references pump_program (id),
    reason                  text           not null,
    drug                    text           not null,
    withdrawal_critical     boolean        not null,
    planned_at              timestamptz    not null,
    volume_left_ml          numeric(12, 6) not null,
    alarm_at                timestamptz    not null,
    empty_at                timestamptz    not null,
    safety_margin_days      integer        not null,
    refill_due_on           date           not null,
    previous_refill_due_on  date,
    first_overdue_alert_at  timestamptz    not null
);
create index refill_plan_therapy on refill_plan (therapy_id, planned_at);

-- The pocket-fill threshold the residual check used (it scales with the reservoir).
alter table refill add column pocket_fill_threshold_ml numeric(6, 2);
