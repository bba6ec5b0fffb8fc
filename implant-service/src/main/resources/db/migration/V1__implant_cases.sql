create table implant_case (
    id                  uuid primary key,
    pathway_id          uuid        not null,
    patient_ref         text        not null,
    trial_id            uuid        not null unique,   -- one case per passed trial, whatever redelivery
    baseline_nrs        smallint    not null,
    status              text        not null,
    opened_at           timestamptz not null,
    scheduled_start     timestamptz,
    completed_at        timestamptz,
    reservoir_volume_ml numeric(5, 1),
    version             bigint      not null default 0
);
create index implant_case_status on implant_case (status, opened_at);
create index implant_case_pathway on implant_case (pathway_id);
