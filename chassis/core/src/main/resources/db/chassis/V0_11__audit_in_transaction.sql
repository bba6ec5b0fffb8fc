-- The audit trail records more of each call (issue 14): the query string, the bearer token's subject (sub) and
-- issuer (iss), and for changes made by the service itself (a consumed event, a timer) what caused them
-- (caused_by: "event <ce_source> <ce_id> <ce_type>", "timer <kind> <timer id> of <subject id>").
--
-- The hash chain (V0_10) covers the new columns from here on without breaking the rows chained before: every row
-- carries the version of its canonical content. Rows written before this migration are version 1 and keep the
-- content they were hashed with; new rows are version 2, whose content is version 1's followed by the version and
-- the new columns. The chain trigger sets the version itself, so no insert can pick the shorter form.

alter table audit_record
    add column query_string      text     not null default '',
    add column token_subject     text,
    add column token_issuer      text,
    add column caused_by         text,
    add column canonical_version smallint not null default 1;
alter table audit_record alter column canonical_version set default 2;

-- Version 1 is V0_10's content, byte for byte: [chain_seq, id, recorded_at in µs since the epoch, actor, roles,
-- action, method, path, patient_refs, outcome_status]. Version 2 appends [2, query_string, token_subject,
-- token_issuer, caused_by] (a missing subject, issuer or cause is JSON null).
create or replace function audit_record_canonical(r audit_record) returns bytea language sql stable as $$
    select convert_to(case when r.canonical_version = 1
        then jsonb_build_array(r.chain_seq, r.id::text, (extract(epoch from r.recorded_at) * 1000000)::bigint,
            r.actor, r.roles, r.action::text, r.method, r.path, r.patient_refs, r.outcome_status)
        else jsonb_build_array(r.chain_seq, r.id::text, (extract(epoch from r.recorded_at) * 1000000)::bigint,
            r.actor, r.roles, r.action::text, r.method, r.path, r.patient_refs, r.outcome_status,
            r.canonical_version, r.query_string, r.token_subject, r.token_issuer, r.caused_by)
        end::text, 'UTF8')
$$;

-- As V0_10's trigger, and every new row is version 2 whatever the insert says.
create or replace function audit_record_chain() returns trigger language plpgsql as $$
declare
    head audit_chain_head;
begin
    select * into head from audit_chain_head for update;
    new.canonical_version := 2;
    new.chain_seq := head.chain_seq + 1;
    new.prev_hash := head.row_hash;
    new.row_hash := sha256(head.row_hash || audit_record_canonical(new));
    update audit_chain_head set chain_seq = new.chain_seq, row_hash = new.row_hash;
    return new;
end
$$;

create index audit_record_caused_by on audit_record (caused_by) where caused_by is not null;
