-- dosing.trial-dose-checked (issue 12 section 6): what dosing-service found about the trial's drug and dose, and the
-- clinician's override that releases the hold a HARD finding puts on the decision. The first check of a trial is kept.
alter table trial
    add column dose_check_library_version integer,
    add column dose_check_within_limits   boolean,
    add column dose_check_findings        text,        -- JSON array of {"limit","rule","text"}
    add column dose_checked_at            timestamptz, -- when trial-service recorded the check
    add column dose_override_reason       text,
    add column dose_override_by           text,        -- the clinician, from the bearer token
    add column dose_override_at           timestamptz,
    add constraint trial_dose_check_whole check ((dose_checked_at is null) = (dose_check_findings is null)),
    add constraint trial_dose_override_whole check ((dose_override_at is null) = (dose_override_reason is null)
        and (dose_override_at is null) = (dose_override_by is null));
