-- The W3C trace context (traceparent) of the transaction that appended the event, so that the relay publishes
-- the record as part of that trace rather than of its own poll. Null when the change ran outside any trace.
alter table outbox_event add column traceparent text;
