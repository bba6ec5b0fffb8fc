-- The FHIR R4 resources the gateway serves read-only and publishes as FHIR JSON: the current version of each,
-- replaced when its source changes. patient_ref and effective_at are the search parameters patient and date.
create table fhir_resource (
    resource_type  text        not null,
    id             text        not null,
    pathway_id     uuid        not null,
    patient_ref    text        not null,
    effective_at   timestamptz,
    version        integer     not null,
    json           text        not null,
    updated_at     timestamptz not null,
    published_at   timestamptz,            -- null until the current version is on the FHIR topic
    primary key (resource_type, id)
);
create index fhir_resource_patient on fhir_resource (resource_type, patient_ref, effective_at);
create index fhir_resource_unpublished on fhir_resource (updated_at) where published_at is null;
