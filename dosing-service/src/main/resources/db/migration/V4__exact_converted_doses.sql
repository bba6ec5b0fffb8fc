-- Doses entered in ug for a drug dosed in mg (or the reverse) are stored converted exactly: 4 decimals in the
-- entered unit need 7 in the other (1 mg = 1000 ug).
alter table pump_program
    alter column concentration_per_ml type numeric(19, 7),
    alter column daily_dose type numeric(19, 7),
    alter column bolus_dose type numeric(19, 7);
alter table refill
    alter column concentration_per_ml type numeric(19, 7);
