-- Each redrive of a dead letter: which dead-letter record (topic, partition, offset) was published again to which
-- topic, by whom (the token's principal), when and why. A record redriven once is refused a second time unless
-- the operator forces it. Append-only, like the audit trail: PostgreSQL refuses any update or delete of a row.
create table dead_letter_redrive (
    id                    uuid primary key,
    dead_letter_topic     text        not null,
    dead_letter_partition integer     not null,
    dead_letter_offset    bigint      not null,
    original_topic        text        not null,   -- where the record was published again
    event_id              text,                   -- ce_id and ce_type of the redriven record, when it had them
    event_type            text,
    republished_partition integer     not null,   -- where the broker acknowledged it (acks=all)
    republished_offset    bigint      not null,
    redriven_at           timestamptz not null,
    redriven_by           text        not null,
    reason                text        not null,
    forced                boolean     not null    -- true when the record had been redriven before
);
create index dead_letter_redrive_record
    on dead_letter_redrive (dead_letter_topic, dead_letter_partition, dead_letter_offset);

create function dead_letter_redrive_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'dead_letter_redrive is append-only';
end
$$;
create trigger dead_letter_redrive_unchangeable before update or delete on dead_letter_redrive
    for each row execute function dead_letter_redrive_append_only();
