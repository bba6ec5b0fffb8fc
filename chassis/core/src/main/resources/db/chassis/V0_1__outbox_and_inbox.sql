-- Chassis tables, present in every service's database. Chassis migrations are numbered 0.x so that they
-- always run before the service's own (1, 2, ...).

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
create table outbox_event (
    position     bigserial primary key,            -- publication order
    id           uuid        not null unique,      -- becomes ce_id
    topic        text        not null,
    type         text        not null,             -- ce_type
    subject      text        not null,             -- ce_subject and record key: the pathway id
    occurred_at  timestamptz not null,             -- ce_time
    payload      jsonb       not null,
    published_at timestamptz                       -- set only after the broker acknowledged the record
);
create index outbox_event_unpublished on outbox_event (position) where published_at is null;

-- NOTIFY is delivered when the inserting transaction commits: the relay wakes exactly when there is
-- something committed to publish, without polling fast.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('itpump_outbox', '');
    return null;
end
$$;
create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent inbox: one row per (consumer, event id), written in the transaction of the event's effect.
create table inbox_event (
    consumer    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null,
    primary key (consumer, event_id)
);
