-- The implanted pump's low-reservoir alarm volume, from implant.completed (implant-service's device catalogue).
-- Therapies opened before it was published were planned to the 2 mL every pump was then assumed to have.
alter table pump_therapy add column low_reservoir_alarm_ml numeric(6, 3) not null default 2;
alter table pump_therapy alter column low_reservoir_alarm_ml drop default;
