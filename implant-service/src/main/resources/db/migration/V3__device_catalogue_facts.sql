-- The implanted pump's own facts, copied from the device catalogue entry at the completion (the record of what was
-- implanted: a later catalogue change does not rewrite it). Null for cases completed before the catalogue existed.
alter table implant_case
    add column low_reservoir_alarm_ml     numeric(6, 3),
    add column low_reservoir_alarm_min_ml numeric(6, 3),
    add column low_reservoir_alarm_max_ml numeric(6, 3),
    add column pump_mechanism             text,
    add column mri_safety                 text,
    add column mri_summary                text,
    add column mri_conditions             text,   -- one condition per line
    add column mri_source                 text,
    add column device_catalogue_source    text;
