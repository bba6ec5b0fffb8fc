-- The audit trail: who (subject and roles) did what (method, path), to which patient references, when, with
-- what outcome. Append-only: PostgreSQL refuses any update or delete of a row.
create table audit_record (
    id             uuid primary key,
    recorded_at    timestamptz not null,
    actor          text        not null,
    roles          text        not null,
    action         char(1)     not null,    -- FHIR AuditEvent.action: C create, R read, U update, E execute
    method         text        not null,
    path           text        not null,
    patient_refs   text        not null default '',
    outcome_status integer     not null     -- the HTTP status answered
);
create index audit_record_recorded on audit_record (recorded_at);

create function audit_record_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_record is append-only';
end
$$;
create trigger audit_record_unchangeable before update or delete on audit_record
    for each row execute function audit_record_append_only();
