-- Tamper evidence for the audit trail (HIPAA 45 CFR 164.312(b) audit controls, (c)(2) authenticating ePHI records):
-- every row carries the SHA-256 of the previous row's hash followed by its own canonical content, so that changing,
-- removing or inserting a row anywhere breaks the chain from that row on; audit_chain_verify() walks the chain and
-- names the first broken row. TRUNCATE is refused like UPDATE and DELETE.
--
-- Computed in the database, in a BEFORE INSERT trigger, rather than in Java: every insert is chained whoever makes it
-- (the request filter today, a business transaction or a consumer tomorrow), a caller cannot supply its own hash, and
-- the order of the chain is the order of commits. The trigger takes the chain head's row lock, so audit inserts of
-- one service's database are serialised until their transaction commits (each holds it for one short transaction).
-- Limits: the runtime role still owns the table and could disable the triggers and rewrite the chain consistently;
-- a separate migration owner role (issue 14) and an external anchor of the head (the audit.recorded events on Kafka)
-- close that.

alter table audit_record
    add column chain_seq bigint,
    add column prev_hash bytea,
    add column row_hash  bytea;

-- The canonical content of a row: its columns in a fixed order as a JSON array, the instant as microseconds since
-- the epoch (UTC), so that neither the session's TimeZone nor DateStyle changes it. New audit columns must be added
-- here, in a new version of this function, to be covered.
create function audit_record_canonical(r audit_record) returns bytea language sql stable as $$
    select convert_to(jsonb_build_array(r.chain_seq, r.id::text, (extract(epoch from r.recorded_at) * 1000000)::bigint,
            r.actor, r.roles, r.action::text, r.method, r.path, r.patient_refs, r.outcome_status)::text, 'UTF8')
$$;

-- The hash of the last row and its number (one row); the chain starts from 32 zero bytes.
create table audit_chain_head (
    singleton boolean primary key default true check (singleton),
    chain_seq bigint  not null,
    row_hash  bytea   not null
);

-- Chain the rows written before this migration, in the order they were recorded.
alter table audit_record disable trigger audit_record_unchangeable;
do $$
declare
    r    audit_record;
    prev bytea  := decode(repeat('00', 32), 'hex');
    n    bigint := 0;
begin
    for r in select * from audit_record order by recorded_at, id loop
        n := n + 1;
        r.chain_seq := n;
        update audit_record set chain_seq = n, prev_hash = prev, row_hash = sha256(prev || audit_record_canonical(r))
            where id = r.id
            returning row_hash into prev;
    end loop;
    insert into audit_chain_head (chain_seq, row_hash) values (n, prev);
end
$$;
alter table audit_record enable trigger audit_record_unchangeable;

alter table audit_record
    alter column chain_seq set not null,
    alter column prev_hash set not null,
    alter column row_hash  set not null;
create unique index audit_record_chain_seq on audit_record (chain_seq);

-- Whatever the insert says about the chain is replaced: the next number, the head's hash, the row's own hash.
create function audit_record_chain() returns trigger language plpgsql as $$
declare
    head audit_chain_head;
begin
    select * into head from audit_chain_head for update;
    new.chain_seq := head.chain_seq + 1;
    new.prev_hash := head.row_hash;
    new.row_hash := sha256(head.row_hash || audit_record_canonical(new));
    update audit_chain_head set chain_seq = new.chain_seq, row_hash = new.row_hash;
    return new;
end
$$;
create trigger audit_record_chained before insert on audit_record
    for each row execute function audit_record_chain();

-- TRUNCATE skips row triggers: refuse it with a statement trigger (same message as UPDATE and DELETE).
create trigger audit_record_no_truncate before truncate on audit_record
    for each statement execute function audit_record_append_only();
create function audit_chain_head_kept() returns trigger language plpgsql as $$
begin
    raise exception 'audit_chain_head is kept: only the audit_record insert trigger moves it';
end
$$;
create trigger audit_chain_head_kept before delete or truncate on audit_chain_head
    for each statement execute function audit_chain_head_kept();

-- The verification command: select * from audit_chain_verify();
-- No row: the chain is unbroken from the first row to the head. Otherwise one row naming the first broken row
-- (its chain_seq and id) and what is wrong with it.
create function audit_chain_verify() returns table (broken_seq bigint, broken_id uuid, problem text)
    language plpgsql stable as $$
declare
    r        audit_record;
    prev     bytea  := decode(repeat('00', 32), 'hex');
    expected bigint := 0;
    head     audit_chain_head;
begin
    for r in select * from audit_record a order by a.chain_seq loop
        expected := expected + 1;
        if r.chain_seq <> expected then
            return query select r.chain_seq, r.id,
                format('row %s is missing before this row: a row was removed', expected);
            return;
        end if;
        if r.prev_hash is distinct from prev then
            return query select r.chain_seq, r.id,
                'prev_hash is not the previous row''s hash: the previous row was changed or replaced'::text;
            return;
        end if;
        if r.row_hash is distinct from sha256(prev || audit_record_canonical(r)) then
            return query select r.chain_seq, r.id, 'row_hash does not match the row''s content: the row was changed'::text;
            return;
        end if;
        prev := r.row_hash;
    end loop;
    select * into head from audit_chain_head;
    if head.chain_seq <> expected or head.row_hash is distinct from prev then
        return query select expected, null::uuid,
            format('the chain head names row %s but the chain ends at row %s: rows at the end were removed',
                   head.chain_seq, expected);
    end if;
end
$$;
