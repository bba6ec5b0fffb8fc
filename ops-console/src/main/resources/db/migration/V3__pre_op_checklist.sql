-- The case's pre-op checklist as implant.pre-op-checklist-updated last published it: the items still outstanding
-- (comma-separated, checklist order) and whether it is complete. Null: nothing published yet (not confirmed, or a
-- case of an implant-service before the event existed).
alter table implant_case_view add column pre_op_outstanding text;
alter table implant_case_view add column pre_op_complete boolean;
