-- Issue 13. The plan's dates count from the procedure's end (implant.completed procedureEndedAt), not from when
-- the completion was typed; rows of V2 keep their completion time as their procedure end.
alter table monitoring_plan
    add column procedure_ended_at        timestamptz,
    add column stay                      text not null default 'SAME_DAY',  -- SAME_DAY, OVERNIGHT, MULTI_DAY
    add column started_drug              text,                              -- first program's drug (dosing.pump-programmed)
    add column device_manufacturer       text,                              -- implant.completed device: MRI advice
    add column device_model              text,
    add column discharge_override_reason text,                              -- discharge before the opioid observation ended
    add column discharge_override_by     text;
update monitoring_plan set procedure_ended_at = implant_completed_at;
alter table monitoring_plan alter column procedure_ended_at set not null;

-- An escalation comes from a complication or from an explant (no complication), and is re-alerted until acknowledged.
alter table escalation
    alter column complication_id drop not null,
    add column cause                 text    not null default 'COMPLICATION',  -- COMPLICATION or EXPLANT
    add column realert_every_minutes integer not null default 30,
    add column alert_count           integer not null default 1,
    add column last_alerted_at       timestamptz;
update escalation set realert_every_minutes = case urgency when 'EMERGENCY' then 5 when 'URGENT' then 30 else 1440 end,
                      last_alerted_at = raised_at;
alter table escalation add constraint escalation_cause check (cause = 'EXPLANT' or complication_id is not null);

-- The drug each pump therapy runs, from dosing.pump-programmed (first) and dosing.dose-changed (current), whichever
-- topic is read first: a plan looks its drug up by pathway.
create table pump_drug (
    therapy_id          uuid primary key,
    pathway_id          uuid        not null,
    first_drug          text        not null,
    current_drug        text        not null,
    first_programmed_at timestamptz not null,
    changed_at          timestamptz not null
);
create index pump_drug_pathway on pump_drug (pathway_id, first_programmed_at);

-- Escalations still open when this version arrives are re-alerted too: their second alert is due one interval
-- after they were raised (so at the first timer poll when that is past).
insert into due_timer (id, kind, subject_id, timer_key, due_at)
select gen_random_uuid(), 'followup.escalation-realert', id, 'REALERT:2',
       raised_at + make_interval(mins => realert_every_minutes)
from escalation where acknowledged_at is null;
