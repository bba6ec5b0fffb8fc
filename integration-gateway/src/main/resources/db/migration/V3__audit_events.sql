-- AuditEvents (issue 15): the services' audit records that name a patient. They belong to no pathway (their record
-- key is the audit id) and may name several patients (a theatre list), so a resource's patients are listed apart
-- and the patient search goes through that list. fhir_resource.patient_ref stays the first of them.
alter table fhir_resource alter column pathway_id drop not null;

create table fhir_resource_patient (
    resource_type  text not null,
    id             text not null,
    patient_ref    text not null,
    primary key (resource_type, id, patient_ref),
    foreign key (resource_type, id) references fhir_resource (resource_type, id)
);
create index fhir_resource_patient_search on fhir_resource_patient (resource_type, patient_ref);

insert into fhir_resource_patient (resource_type, id, patient_ref)
select resource_type, id, patient_ref from fhir_resource;
