create table pump_therapy (
    id                  uuid primary key,
    pathway_id          uuid          not null,
    patient_ref         text          not null,
    implant_case_id     uuid          not null unique,   -- one therapy per implant, whatever redelivery
    reservoir_volume_ml numeric(5, 1) not null,
    status              text          not null,
    opened_at           timestamptz   not null,
    version             bigint        not null default 0
);
create index pump_therapy_pathway on pump_therapy (pathway_id);
create index pump_therapy_status on pump_therapy (status, opened_at);
