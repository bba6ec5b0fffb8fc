-- Parking: an outbox row that can never be published (over the broker's maximum message size, an invalid topic
-- name) is set aside with the producer's reason instead of being retried for ever, so it never holds up the rows
-- behind it. The relay logs it at ERROR and the itpump_outbox_parked gauge counts it. To publish a parked row
-- after a fix (e.g. a larger max.message.bytes on the topic), clear its parking:
--   update outbox_event set parked_at = null, park_reason = null where id = '<ce_id>';
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column park_reason text;

-- The relay claims what is neither published nor parked, in position order.
drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (position) where published_at is null and parked_at is null;
