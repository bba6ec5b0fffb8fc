-- The surgeon's id of the current booking (implant.scheduled / implant.rescheduled carry it), so that the board's
-- reschedule form can offer the booking's own room and surgeon. Null for bookings projected before this column.
alter table implant_case_view add column surgeon_id text;
