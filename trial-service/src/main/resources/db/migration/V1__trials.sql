create table trial (
    id                 uuid primary key,
    pathway_id         uuid        not null unique,
    patient_ref        text        not null,
    baseline_nrs       smallint    not null check (baseline_nrs between 1 and 10),
    status             text        not null,
    started_at         timestamptz not null,
    decided_at         timestamptz,
    relief_percent     numeric(7, 2),
    mean_assessed_nrs  numeric(5, 2),
    threshold_percent  numeric(5, 2),
    version            bigint      not null default 0
);
create index trial_status on trial (status, started_at);

create table pain_assessment (
    id          uuid primary key,
    trial_id    uuid        not null references trial (id),
    nrs         smallint    not null check (nrs between 0 and 10),
    assessed_at timestamptz not null
);
create index pain_assessment_trial on pain_assessment (trial_id, assessed_at);
