-- Durable timers: what must happen at a given time (a visit falls due, a refill is overdue) lives in the
-- database, so it survives restarts and fires once, from whichever replica polls first.
create table due_timer (
    id           uuid primary key,
    kind         text        not null,   -- what to do, e.g. refill-due
    subject_id   uuid        not null,   -- the record it concerns, e.g. a pump therapy
    timer_key    text        not null,   -- unique per subject, so rescheduling replaces rather than adds
    due_at       timestamptz not null,
    fired_at     timestamptz,
    cancelled_at timestamptz,
    version      bigint      not null default 0,
    unique (subject_id, timer_key)
);
create index due_timer_pending on due_timer (due_at) where fired_at is null and cancelled_at is null;
