-- Issue 13. A pump removed in the surgery of its replacement (implant.explanted replacedByCaseId) closes its plan as
-- REPLACED; the replacement case's implant.completed opens the next plan on the same pathway.
alter table monitoring_plan add column replaced_by_case_id uuid;
