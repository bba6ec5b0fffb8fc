-- AuditEvents (issue 15): the services' audit records that name a patient. They belong to no pathway (their record
-- key is the audit id) and may name several patients (a theatre list), so a resource's patients are listed apart
-- and the patient search goes through that list. fhir_resource.patient_ref stays the first of them.
alter table fhir_resource alter column pathway_id drop not null;

create table resource_patient (
    resource_type  text not null,
    id             text not null,
    patient_ref    text not null,
    primary key (resource_type, id, patient_ref),
    foreign key (resource_type, id) references fhir_resource (resource_type, id)
);
create index resource_patient_search on resource_patient (resource_type, patient_ref);

insert into resource_patient (resource_type, id, patient_ref)
select resource_type, id, patient_ref from fhir_resource;

-- SCH-1 / SCH-2 (issue 15 review): implant-service books the theatre slot and announces it, so it is the filler and
-- its booking id the filler appointment id (SCH-2); SCH-1 is a requesting (placer) system's id, when there is one.
-- filler_appointment_id was never filled (no producer sent it), so it becomes that optional placer id.
alter table appointment rename column placer_appointment_id to booking_id;
alter table appointment rename column filler_appointment_id to placer_appointment_id;
