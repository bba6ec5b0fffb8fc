create table monitoring_plan (
    id              uuid primary key,
    pathway_id      uuid        not null,
    patient_ref     text        not null,
    implant_case_id uuid        not null unique,   -- one plan per implant, whatever redelivery
    baseline_nrs    smallint    not null,          -- the pre-trial baseline outcomes are compared with
    status          text        not null,
    started_at      timestamptz not null,
    version         bigint      not null default 0
);
create index monitoring_plan_pathway on monitoring_plan (pathway_id);
create index monitoring_plan_status on monitoring_plan (status, started_at);
