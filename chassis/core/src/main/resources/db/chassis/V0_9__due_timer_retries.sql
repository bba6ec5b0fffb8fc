-- A timer whose firing fails is retried on its own back-off instead of at every poll: failures counts the failed
-- attempts in a row, next_attempt_at is the earliest next try (null: at once), last_failure says why, and
-- alerted_at is when its handler raised the alert after itpump.timers.alert-after-failures failures.
alter table due_timer
    add column failures        integer     not null default 0,
    add column next_attempt_at timestamptz,
    add column last_failure    text,
    add column alerted_at      timestamptz;
