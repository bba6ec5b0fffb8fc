-- btree_gist lets one exclusion constraint combine "same room" (=) with "overlapping time" (&&).
create extension if not exists btree_gist;

create table operating_room (
    id         uuid primary key,
    name       text        not null unique,
    created_at timestamptz not null
);

create table surgeon (
    id         uuid primary key,
    name       text        not null,
    staff_ref  text        not null unique,
    created_at timestamptz not null
);

create table theatre_booking (
    id                uuid primary key,
    case_id           uuid        not null references implant_case (id),
    operating_room_id uuid        not null references operating_room (id),
    surgeon_id        uuid        not null references surgeon (id),
    starts_at         timestamptz not null,
    ends_at           timestamptz not null check (ends_at > starts_at),
    status            text        not null,            -- BOOKED or CANCELLED
    created_at        timestamptz not null,
    version           bigint      not null default 0,
    -- No room and no surgeon is ever double-booked, whatever the concurrency: PostgreSQL refuses it.
    constraint theatre_booking_room_free exclude using gist
        (operating_room_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'BOOKED'),
    constraint theatre_booking_surgeon_free exclude using gist
        (surgeon_id with =, tstzrange(starts_at, ends_at) with &&) where (status = 'BOOKED')
);
create unique index theatre_booking_one_per_case on theatre_booking (case_id) where status = 'BOOKED';
create index theatre_booking_day on theatre_booking (starts_at) where status = 'BOOKED';

alter table implant_case
    add column pre_op_checklist     text not null default '',
    add column booking_id           uuid,
    add column catheter_entry_level text,
    add column catheter_tip_level   text,
    add column pump_pocket_side     text,
    add column device_manufacturer  text,
    add column device_model         text,
    add column device_serial        text,
    add column anesthesia           text,
    add column procedure_started_at timestamptz,
    add column procedure_ended_at   timestamptz,
    add column explanted_at         timestamptz,
    add column explant_reason       text,
    add column closed_at            timestamptz,
    add column close_reason         text;
alter table implant_case drop column scheduled_start;

-- What happened to a case, in order, for ops ("one case's history").
create table implant_case_history (
    id          bigserial primary key,
    case_id     uuid        not null references implant_case (id),
    happened_at timestamptz not null,
    what        text        not null,
    detail      text
);
create index implant_case_history_case on implant_case_history (case_id, id);
