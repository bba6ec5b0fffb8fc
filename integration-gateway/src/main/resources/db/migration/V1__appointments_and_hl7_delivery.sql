-- The gateway keeps only what its messages need. One row per implant case's theatre booking, as last told to the
-- engines: the next SIU trigger is decided against it (S12 new, S13 moved, S14 modified, S15 cancelled).
create table appointment (
    case_id                uuid primary key,
    pathway_id             uuid        not null,
    patient_ref            text        not null,
    placer_appointment_id  uuid        not null,   -- implant-service's booking id (SCH-1)
    filler_appointment_id  text,                   -- the theatre system's id (SCH-2), when given
    status                 text        not null,   -- AppointmentStatus
    start_at               timestamptz not null,
    end_at                 timestamptz not null,
    duration_minutes       integer     not null,
    theatre_id             uuid        not null,
    theatre_name           text        not null,
    surgeon_id             uuid        not null,
    surgeon_name           text        not null,
    surgeon_staff_id       text,
    procedure_system       text        not null,
    procedure_code         text        not null,
    procedure_text         text        not null,
    entered_by             text,
    updated_at             timestamptz not null
);
create index appointment_pathway on appointment (pathway_id);

-- MSH-10 is at most 20 characters in v2.5.1: control ids are "ITP" and this sequence.
create sequence hl7_control_id;

-- Every SIU message built, in the order built (position), as ER7, written in the transaction of the event that
-- caused it: the gateway's own outbox.
create table hl7_message (
    id          uuid primary key,
    position    bigserial   not null unique,
    pathway_id  uuid        not null,
    case_id     uuid        not null,
    trigger     text        not null,   -- S12, S13, S14, S15, S26
    control_id  text        not null unique,
    er7         text        not null,
    created_at  timestamptz not null
);
create index hl7_message_pathway on hl7_message (pathway_id, position);

-- One row per message and destination (each configured MLLP engine, and "kafka"). A pathway's messages go to a
-- destination one at a time in position order: a row is sent only when every earlier row of its pathway and
-- destination is DELIVERED. PARKED (refused by the engine too often) holds the pathway until an operator acts.
create table hl7_delivery (
    message_id       uuid        not null references hl7_message (id),
    destination      text        not null,
    position         bigint      not null,
    pathway_id       uuid        not null,
    status           text        not null,   -- PENDING, DELIVERED, PARKED
    attempts         integer     not null default 0,   -- sends without an ACK (connection refused, timeout)
    rejections       integer     not null default 0,   -- ACKs AE / AR
    next_attempt_at  timestamptz not null,
    last_error       text,
    delivered_at     timestamptz,
    primary key (message_id, destination)
);
create index hl7_delivery_pending on hl7_delivery (destination, position) where status <> 'DELIVERED';
