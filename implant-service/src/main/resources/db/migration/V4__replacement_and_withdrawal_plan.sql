-- Issue 13. A replacement pump (battery end of life, malfunction) opens a new case on the same pathway, trial and
-- baseline, without a new screening trial: path REPLACEMENT, pointing at the case it replaces.
alter table implant_case
    add column path                        text not null default 'TRIAL',      -- TRIAL or REPLACEMENT
    add column replaces_case_id            uuid references implant_case (id),  -- REPLACEMENT: the case replaced
    add column replacement_reason          text,                               -- REPLACEMENT: an ExplantReason
    add column replaced_by_case_id         uuid references implant_case (id),  -- set when its replacement was completed
    -- an explant planned in advance records how the drug is withdrawn (taper, oral bridge)
    add column withdrawal_plan_kind        text,
    add column withdrawal_plan_started_on  date,
    add column withdrawal_plan_detail      text;
alter table implant_case add constraint implant_case_replacement
    check ((path = 'TRIAL' and replaces_case_id is null) or (path = 'REPLACEMENT' and replaces_case_id is not null));

-- One TRIAL case per passed trial, whatever redelivery (was: trial_id unique); replacements share the trial id.
alter table implant_case drop constraint implant_case_trial_id_key;
create unique index implant_case_one_per_trial on implant_case (trial_id) where path = 'TRIAL';
-- At most one live (not CLOSED) replacement per case, whatever the concurrency: PostgreSQL refuses a second.
create unique index implant_case_one_live_replacement on implant_case (replaces_case_id)
    where replaces_case_id is not null and status <> 'CLOSED';
