-- What rebuilds the domain MonitoringPlan: implant completion, the hospital zone at opening, the choices.
-- Rows of V1 get the pathway defaults (PlanChoices.DEFAULTS) and their start as completion time.
alter table monitoring_plan
    add column implant_completed_at       timestamptz,
    add column hospital_zone              text     not null default 'UTC',
    add column observation_hours          smallint not null default 4,
    add column activity_restriction_weeks smallint not null default 8,
    add column driving_restriction_weeks  smallint not null default 4,
    add column oral_medication_weeks      smallint not null default 3,
    add column wound_check_day            smallint not null default 7,
    add column suture_removal_day         smallint not null default 14,
    add column monitoring_window_weeks    smallint not null default 12,
    add column discharged_at              timestamptz,
    add column ended_at                   timestamptz,   -- COMPLETED (window over) or CLOSED (explant)
    add column end_reason                 text;
update monitoring_plan set implant_completed_at = started_at;
alter table monitoring_plan alter column implant_completed_at set not null;

create table complication (
    id          uuid primary key,
    plan_id     uuid        not null references monitoring_plan (id),
    kind        text        not null,
    severity    text        not null,
    onset_at    timestamptz not null,
    features    text        not null,   -- ClinicalFeature names, comma-separated (EnumSetColumn)
    reported_at timestamptz not null
);
create index complication_plan on complication (plan_id, reported_at);

-- One row per escalation the rules produced for a complication; open until a clinician acknowledges it.
create table escalation (
    id              uuid primary key,
    complication_id uuid        not null references complication (id),
    plan_id         uuid        not null references monitoring_plan (id),
    rule_id         text        not null,
    urgency         text        not null,
    suspicion       text        not null,
    action          text        not null,
    raised_at       timestamptz not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    version         bigint      not null default 0
);
create index escalation_open on escalation (raised_at) where acknowledged_at is null;
create index escalation_plan on escalation (plan_id);

create table outcome (
    id                     uuid primary key,
    plan_id                uuid         not null references monitoring_plan (id),
    assessed_at            timestamptz  not null,
    pain_nrs               smallint     not null,
    rigidity_score         smallint     not null,
    spasm_score            smallint     not null,
    oral_mme_per_day       numeric(7,2) not null,
    pain_reduction_nrs     smallint     not null,
    pain_reduction_percent numeric(7,2),           -- null when the baseline NRS is 0
    recorded_at            timestamptz  not null
);
create index outcome_plan on outcome (plan_id, assessed_at);
