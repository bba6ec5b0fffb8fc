-- The indication a program was given for, where a rule depends on it (baclofen's titration: spasticity of spinal
-- or cerebral origin); null for programs of other drugs and for programs stored before it was asked.
alter table pump_program add column indication text;
