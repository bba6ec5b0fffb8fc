create table candidate (
    id          uuid primary key,
    patient_ref text        not null,
    indication  text        not null,
    eligibility text        not null default '',    -- EligibilityItem names documented so far, comma-separated
    created_at  timestamptz not null,
    version     bigint      not null default 0
);
create index candidate_patient on candidate (patient_ref);

-- trials started before candidates existed keep nulls; every new trial has them all
alter table trial
    add column candidate_id        uuid references candidate (id),
    add column indication          text,
    add column trial_type          text,
    add column drug                text,
    add column dose                numeric(12, 4),
    add column dose_unit           text,
    add column window_ends_at      timestamptz,
    add column decision_passed     boolean,
    add column cancelled_at        timestamptz,
    add column cancellation_reason text,
    add column cancellation_note   text;

alter table pain_assessment
    add column minutes_since_dose integer check (minutes_since_dose >= 0),
    add column oral_mme_per_day   numeric(8, 2) check (oral_mme_per_day >= 0),
    add column function_score     smallint check (function_score between 0 and 100);
