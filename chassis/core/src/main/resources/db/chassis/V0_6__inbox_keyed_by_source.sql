-- CloudEvents identify an event by (source, id): ids are unique per source only. Two producers may mint the
-- same id; neither event may then be dropped as the other's duplicate.
alter table inbox_event add column event_source text;
-- rows written before this migration came from the owning service of their type's topic
update inbox_event set event_source = 'urn:itpump:' || split_part(event_type, '.', 1) || '-service';
alter table inbox_event alter column event_source set not null;
alter table inbox_event drop constraint inbox_event_pkey;
alter table inbox_event add primary key (consumer, event_source, event_id);
