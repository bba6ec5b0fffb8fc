-- ops-console's read model: a projection of every pathway topic, written only by its inbox consumers
-- (each row in the transaction that records the event in inbox_event, so a redelivered event changes nothing).

-- Every event of every pathway, for the timeline. clinical_detail (NRS, doses, suspicions) is shown only to the
-- clinical roles; summary never holds a clinical value.
create table pathway_event (
    event_source     text        not null,
    event_id         text        not null,
    pathway_id       uuid        not null,
    patient_ref      text,
    event_type       text        not null,
    lane             text        not null,
    occurred_at      timestamptz not null,
    actor            text,
    summary          text        not null,
    clinical_detail  text,
    received_seq     bigserial   not null,
    primary key (event_source, event_id)
);
create index pathway_event_by_pathway on pathway_event (pathway_id, occurred_at, received_seq);
create index pathway_event_by_patient on pathway_event (patient_ref);

-- One row per implant case: its status and its current theatre booking (HL7 SIU S12/S13/S15 as implant.* carry them).
create table implant_case_view (
    case_id            uuid        primary key,
    pathway_id         uuid        not null,
    patient_ref        text        not null,
    status             text        not null,
    opened_at          timestamptz,
    booking_id         uuid,
    operating_room_id  text,
    operating_room     text,
    surgeon            text,
    start_at           timestamptz,
    end_at             timestamptz,
    updated_at         timestamptz not null
);
create index implant_case_view_by_start on implant_case_view (start_at);

-- The refill each pump therapy is waiting for (dosing.refill-due / refill-overdue), until a refill or the therapy's end.
create table refill_view (
    therapy_id           uuid        primary key,
    pathway_id           uuid        not null,
    patient_ref          text        not null,
    drug                 text,
    refill_due_date      date        not null,
    urgency              text        not null,
    withdrawal_critical  boolean     not null,
    overdue              boolean     not null,
    open                 boolean     not null,
    updated_at           timestamptz not null
);

create table escalation_view (
    escalation_id    uuid        primary key,
    pathway_id       uuid        not null,
    patient_ref      text        not null,
    urgency          text        not null,
    suspicion        text,
    action           text,
    escalated_at     timestamptz not null,
    alert_count      integer     not null,
    acknowledged_at  timestamptz,
    acknowledged_by  text
);

create table visit_due_view (
    plan_id      uuid        not null,
    visit        text        not null,
    pathway_id   uuid        not null,
    patient_ref  text        not null,
    due_at       timestamptz not null,
    open         boolean     not null,
    primary key (plan_id, visit)
);

-- Dead letters of every consuming service, from their DLQ topics (metadata only, never the payload).
create table dead_letter_view (
    dlq_topic         text        not null,
    dlq_partition     integer     not null,
    dlq_offset        bigint      not null,
    service           text        not null,
    reason            text,
    event_type        text,
    pathway_id        text,
    dead_lettered_at  timestamptz not null,
    primary key (dlq_topic, dlq_partition, dlq_offset)
);
