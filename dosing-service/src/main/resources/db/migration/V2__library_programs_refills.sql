-- Every version of the drug library, as the JSON document it was checked from; a program records its version.
create table drug_library_version (
    version    integer primary key,
    document   text        not null,
    created_at timestamptz not null
);

-- The pump's programs, oldest first; the one without superseded_at is in force.
create table pump_program (
    id                    uuid primary key,
    therapy_id            uuid          not null references pump_therapy (id),
    drug                  text          not null,
    dose_unit             text          not null,
    concentration_per_ml  numeric(12, 4) not null,
    daily_dose            numeric(12, 4) not null,
    mode                  text          not null,
    bolus_dose            numeric(12, 4),
    bolus_lockout_minutes integer,
    max_boluses_per_day   integer,
    library_version       integer       not null references drug_library_version (version),
    override_reason       text,
    programmed_at         timestamptz   not null,
    superseded_at         timestamptz
);
create index pump_program_therapy on pump_program (therapy_id, programmed_at);

create table refill (
    id                   uuid primary key,
    therapy_id           uuid          not null references pump_therapy (id),
    filled_on            date          not null,
    volume_added_ml      numeric(6, 2) not null,
    concentration_per_ml numeric(12, 4) not null,
    lot                  text          not null,
    first_fill           boolean       not null,
    diluted              boolean       not null,
    expected_residual_ml numeric(6, 2),
    measured_residual_ml numeric(6, 2),
    possible_pocket_fill boolean       not null,
    refill_due_on        date          not null,
    recorded_at          timestamptz   not null
);
create index refill_therapy on refill (therapy_id, recorded_at);

alter table pump_therapy
    add column ended_at   timestamptz,
    add column end_reason text;
