-- Least privilege for the running service (issue 14; HIPAA 45 CFR 164.312(b) audit controls and (c)(1) integrity):
-- Flyway runs as the database's owner role, which owns every table; the service connects as a runtime role
-- (${runtime_role}, the Flyway placeholder quarkus.flyway.placeholders.runtime_role) that owns nothing. Only an owner
-- (or a superuser) may TRUNCATE without the privilege, ALTER or DROP a table, or disable its triggers, so the runtime
-- role can neither erase the audit trail nor switch off its guards and rewrite the hash chain (V0_4, V0_10).
--
-- What the runtime role gets:
--   - every table and sequence of schema public, now and later (default privileges for tables the owner creates in
--     later migrations): SELECT, INSERT, UPDATE, DELETE; USAGE and SELECT on sequences (bigserial columns);
--   - audit_record: SELECT and INSERT only;
--   - audit_chain_head: SELECT only (audit_chain_verify() reads it); the insert trigger that moves the head runs as
--     its owner (SECURITY DEFINER below);
--   - flyway_schema_history: nothing;
--   - on the database: CONNECT and TEMPORARY, which PUBLIC no longer has (another service's runtime role on a shared
--     server cannot even connect).
-- A later migration that adds a table the service must not change (an append-only log) revokes what the default
-- privileges granted, as done here for audit_record.
--
-- Where one user is both (dev mode against a local superuser, or before the split), ${runtime_role} is that user, the
-- grants change nothing and the revokes do not apply to an owner: the migration is harmless there.

do $$
declare
    runtime text := '${runtime_role}';
begin
    if not exists (select 1 from pg_roles where rolname = runtime) then
        raise exception 'runtime role % does not exist: create it before migrating (see docs/security.md)', runtime;
    end if;
    if runtime = current_user then
        raise notice 'runtime role % is the migration owner itself: the owner keeps every privilege', runtime;
        return;
    end if;
    execute format('revoke all on database %I from public', current_database());
    execute format('grant connect, temporary on database %I to %I', current_database(), runtime);
    execute format('revoke create on schema public from public');
    execute format('grant usage on schema public to %I', runtime);

    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
                   runtime);
    execute format('alter default privileges in schema public grant usage, select on sequences to %I', runtime);

    -- the audit trail: append and read, nothing else
    execute format('revoke all on audit_record from %I', runtime);
    execute format('grant select, insert on audit_record to %I', runtime);
    execute format('revoke all on audit_chain_head from %I', runtime);
    execute format('grant select on audit_chain_head to %I', runtime);
    -- the break-glass record (V0_12) is append-only too
    execute format('revoke all on break_glass_access from %I', runtime);
    execute format('grant select, insert on break_glass_access to %I', runtime);
    -- Flyway's own table: the service has no business there
    execute format('revoke all on flyway_schema_history from %I', runtime);
end
$$;

-- The chain trigger locks and moves audit_chain_head, which the runtime role may only read: it runs with its owner's
-- rights. A trigger function cannot be called directly, so this lends the owner's rights to nothing but an INSERT
-- into audit_record; its search_path is fixed so that no temporary object can stand in for the tables it uses.
-- A later migration that replaces audit_record_chain() (create or replace) must say security definer again.
alter function audit_record_chain() security definer set search_path = public, pg_temp;
