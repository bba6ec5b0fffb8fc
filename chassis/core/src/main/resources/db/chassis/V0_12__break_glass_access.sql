-- Break-glass reads (HIPAA 45 CFR 164.312(a)(2)(ii), emergency access): a list endpoint called without the filter that
-- scopes it to one patient or one worklist, allowed because the caller gave a reason (header X-Break-Glass-Reason).
-- One row per such read, inserted in the transaction of the read's own lookup, so no unscoped list leaves without its
-- row. Kept apart from audit_record (which records every call anyway): this table is what a privacy officer reviews.
-- Append-only: PostgreSQL refuses UPDATE, DELETE and TRUNCATE.
create table break_glass_access (
    id            uuid        primary key,
    accessed_at   timestamptz not null,
    actor         text        not null,   -- the token's principal (upn, else sub)
    roles         text        not null,   -- the token's groups, comma-separated, sorted
    method        text        not null,
    path          text        not null,   -- path and query string as requested
    reason        text        not null,
    rows_returned integer     not null
);
create index break_glass_access_accessed_at on break_glass_access (accessed_at);

create function break_glass_access_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'break_glass_access is append-only';
end
$$;
create trigger break_glass_access_unchangeable before update or delete on break_glass_access
    for each row execute function break_glass_access_append_only();
-- TRUNCATE skips row triggers: a statement trigger refuses it
create trigger break_glass_access_no_truncate before truncate on break_glass_access
    for each statement execute function break_glass_access_append_only();
