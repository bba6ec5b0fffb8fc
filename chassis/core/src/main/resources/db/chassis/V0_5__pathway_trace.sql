-- The trace each pathway continues in this service: that of the last event consumed about it. Events appended
-- later for the pathway from a REST request (booking, completion, refill) are published in this trace, so one
-- trace runs from the trial decision through every service to the monitoring plan.
create table pathway_trace (
    pathway_id  text primary key,
    traceparent text        not null,
    updated_at  timestamptz not null
);
