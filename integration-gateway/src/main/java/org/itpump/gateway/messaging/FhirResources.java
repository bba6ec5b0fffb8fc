package org.itpump.gateway.messaging;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.Implant;

import java.time.ZoneId;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

/**
 * Builds the FHIR R4 resources of an implant pathway with HAPI FHIR's R4 model, and serialises them as FHIR JSON.
 * The patient appears only as a logical reference (an identifier: the configured assigning authority's system and
 * the opaque patient reference), never by name. Ids are stable, derived from the source ids, so a rebuilt resource
 * replaces its earlier version.
 */
public final class FhirResources {

    /** CPT as FHIR names it. */
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String SNOMED = "http://snomed.info/sct";
    /** The gateway's own code system for device kinds that have no code in the source events. */
    public static final String DEVICE_KIND = "urn:itpump:fhir:device-kind";
    /** CPT 62362: implantation of a programmable intrathecal pump; 62365: removal of the pump. */
    public static final String CPT_IMPLANT = "62362";
    public static final String CPT_EXPLANT = "62365";

    private static final FhirContext R4 = FhirContext.forR4Cached();
    private final String patientSystem;
    private final String staffSystem;

    /**
     * @param patientSystem the identifier system of the opaque patient references (a URI of the assigning authority)
     * @param staffSystem   the identifier system of the hospital's staff numbers
     */
    public FhirResources(String patientSystem, String staffSystem) {
        this.patientSystem = patientSystem;
        this.staffSystem = staffSystem;
    }

    /** The HAPI context (R4) the gateway serialises with. */
    public static FhirContext context() {
        return R4;
    }

    public String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return R4.newJsonParser().encodeResourceToString(resource);
    }

    private Reference patient(String patientRef) {
        return new Reference().setType("Patient").setIdentifier(new Identifier().setSystem(patientSystem).setValue(patientRef));
    }

    private Reference surgeon(Booking.Surgeon surgeon) {
        Identifier id = surgeon.staffId() != null ? new Identifier().setSystem(staffSystem).setValue(surgeon.staffId())
                : new Identifier().setSystem("urn:itpump:surgeon").setValue(surgeon.id().toString());
        return new Reference().setType("Practitioner").setIdentifier(id).setDisplay(surgeon.name());
    }

    /** The theatre booking: status from the booking, the procedure as service type, patient, surgeon and theatre. */
    public Appointment appointment(Booking booking) {
        Appointment a = new Appointment();
        a.setId(booking.bookingId().toString());
        a.addIdentifier().setUse(Identifier.IdentifierUse.USUAL).setSystem("urn:itpump:booking")
                .setValue(booking.bookingId().toString());
        if (booking.placerAppointmentId() != null) {
            a.addIdentifier().setUse(Identifier.IdentifierUse.SECONDARY).setSystem("urn:itpump:placer-appointment")
                    .setValue(booking.placerAppointmentId());
        }
        a.setStatus(Appointment.AppointmentStatus.fromCode(booking.status().fhirStatus()));
        a.addServiceType(procedureCode(booking.procedure()));
        a.setStart(Date.from(booking.start().toInstant()));
        a.setEnd(Date.from(booking.end().toInstant()));
        a.setMinutesDuration(booking.durationMinutes());
        if (booking.reason() != null && booking.reason().text() != null) {
            a.setComment(booking.reason().text());
        }
        a.addParticipant().setActor(patient(booking.patientRef())).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        a.addParticipant().setActor(surgeon(booking.surgeon())).setStatus(Appointment.ParticipationStatus.ACCEPTED)
                .addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                        "PPRF", "primary performer")));
        a.addParticipant().setActor(new Reference().setType("Location").setDisplay(booking.theatre().name())
                        .setIdentifier(new Identifier().setSystem("urn:itpump:theatre").setValue(booking.theatre().id().toString())))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return a;
    }

    private static CodeableConcept procedureCode(Booking.CodedProcedure procedure) {
        String system = switch (SiuMessages.hl7CodingSystem(procedure.codingSystem())) {
            case "C4" -> CPT;
            case "SCT" -> SNOMED;
            default -> "urn:itpump:procedure-code:" + procedure.codingSystem();
        };
        return new CodeableConcept(new Coding(system, procedure.code(), procedure.description())).setText(procedure.description());
    }

    /** The pump: type, manufacturer, model, serial, lot, expiry, UDI where given. */
    public Device pump(Implant implant) {
        return device("pump-" + implant.caseId(), implant, implant.pump(), "INTRATHECAL_PUMP",
                "Implantable intrathecal drug infusion pump");
    }

    /** The intrathecal catheter; without device facts only its kind and patient (gap: no catheter in the events). */
    public Device catheter(Implant implant) {
        return device("catheter-" + implant.caseId(), implant, implant.catheter(), "INTRATHECAL_CATHETER",
                "Intrathecal catheter");
    }

    private Device device(String id, Implant implant, Implant.DeviceFacts facts, String kind, String text) {
        Device d = new Device();
        d.setId(id);
        d.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        d.setType(new CodeableConcept(new Coding(DEVICE_KIND, kind, text)).setText(text));
        d.setPatient(patient(implant.patientRef()));
        if (facts != null) {
            d.setManufacturer(facts.manufacturer());
            d.addDeviceName().setName(facts.model()).setType(Device.DeviceNameType.MODELNAME);
            d.setModelNumber(facts.model());
            d.setSerialNumber(facts.serialNumber());
            d.setLotNumber(facts.lotNumber());
            if (facts.expiresOn() != null) {
                d.setExpirationDate(Date.from(facts.expiresOn().atStartOfDay(ZoneId.of("UTC")).toInstant()));
            }
            if (facts.udi() != null) {
                d.addUdiCarrier().setCarrierHRF(facts.udi()).setEntryType(Device.UDIEntryType.MANUAL);
            }
        }
        return d;
    }

    /** The implant surgery: CPT 62362, the surgeon, the body sites, and pump and catheter as focal devices. */
    public Procedure implantProcedure(Implant implant) {
        Procedure p = procedure("implant-" + implant.caseId(), implant, CPT_IMPLANT,
                "Implantation of programmable intrathecal pump", "implanted");
        p.addBodySite().setText("Intrathecal space: catheter entry " + implant.catheterEntryLevel() + ", tip "
                + implant.catheterTipLevel());
        if (implant.pumpPocketSide() != null) {
            p.addBodySite().setText("Subcutaneous abdominal pump pocket, " + implant.pumpPocketSide().toLowerCase());
        }
        return p;
    }

    /** The explant: CPT 62365, the pump removed. */
    public Procedure explantProcedure(Implant implant, String reason) {
        Procedure p = procedure("explant-" + implant.caseId(), implant, CPT_EXPLANT,
                "Removal of subcutaneous reservoir or pump, previously implanted for intrathecal infusion", "explanted");
        if (reason != null) {
            p.addReasonCode().setText(reason);
        }
        return p;
    }

    private Procedure procedure(String id, Implant implant, String cpt, String display, String action) {
        Procedure p = new Procedure();
        p.setId(id);
        p.setStatus(Procedure.ProcedureStatus.COMPLETED);
        p.setCode(new CodeableConcept(new Coding(CPT, cpt, display)).setText(display));
        p.setSubject(patient(implant.patientRef()));
        if (implant.endedAt() != null) {
            p.setPerformed(new Period().setStartElement(implant.startedAt() == null ? null
                            : new DateTimeType(Date.from(implant.startedAt().toInstant())))
                    .setEndElement(new DateTimeType(Date.from(implant.endedAt().toInstant()))));
        }
        if (implant.surgeon() != null) {
            p.addPerformer().setActor(surgeon(implant.surgeon()))
                    .setFunction(new CodeableConcept(new Coding(SNOMED, "304292004", "Surgeon")));
        }
        CodeableConcept deviceAction = new CodeableConcept(new Coding("http://hl7.org/fhir/device-action", action,
                action.substring(0, 1).toUpperCase() + action.substring(1)));
        for (String device : List.of("pump-", "catheter-")) {
            p.addFocalDevice().setAction(deviceAction).setManipulated(new Reference("Device/" + device + implant.caseId()));
        }
        return p;
    }

    /** RxNorm ingredient codes of the intrathecal drugs the pathway uses (RxNorm, U.S. National Library of Medicine). */
    static final java.util.Map<String, String> RXNORM = java.util.Map.of(
            "morphine", "7052", "baclofen", "1292", "hydromorphone", "3423", "fentanyl", "4337",
            "clonidine", "2599", "bupivacaine", "1815");
    public static final String RXNORM_SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String UCUM = "http://unitsofmeasure.org";

    /**
     * A pump program (dosing.pump-programmed / dose-changed) as a MedicationRequest: the drug coded in RxNorm where
     * known, intrathecal route (SNOMED CT 72607000), the daily dose as a rate in UCUM ({@code ug/d} or {@code mg/d}:
     * the source's {@code mcg} is written {@code ug}), and the patient bolus (dose, and the day's maximum as
     * bolusDose x maxBolusesPerDay).
     */
    public org.hl7.fhir.r4.model.MedicationRequest pumpProgram(org.itpump.gateway.domain.PumpProgram program) {
        var request = new org.hl7.fhir.r4.model.MedicationRequest();
        request.setId("program-" + program.programId());
        request.setStatus(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestIntent.ORDER);
        CodeableConcept drug = new CodeableConcept().setText(program.drug());
        // the producer's code first (dosing.pump-programmed program.drugCode, issue 15); this table for older events
        String rxnorm = program.rxnormCode() != null ? program.rxnormCode()
                : RXNORM.get(program.drug().toLowerCase(java.util.Locale.ROOT));
        if (rxnorm != null) {
            drug.addCoding(new Coding(RXNORM_SYSTEM, rxnorm, program.drug().toLowerCase(java.util.Locale.ROOT)));
        }
        request.setMedication(drug);
        request.setSubject(patient(program.patientRef()));
        request.setAuthoredOnElement(new DateTimeType(Date.from(program.programmedAt().toInstant())));
        String unit = program.ucumDoseUnit();
        CodeableConcept intrathecal = new CodeableConcept(new Coding(SNOMED, "72607000", "Intrathecal route"));
        var continuous = request.addDosageInstruction().setText("Continuous intrathecal infusion").setRoute(intrathecal);
        continuous.addDoseAndRate().setRate(new org.hl7.fhir.r4.model.Quantity().setValue(program.dailyDose())
                .setUnit(unit + "/d").setSystem(UCUM).setCode(unit + "/d"));
        if (program.bolusDose() != null) {
            var bolus = request.addDosageInstruction().setText("Patient-activated bolus").setRoute(intrathecal)
                    .setAsNeeded(new org.hl7.fhir.r4.model.BooleanType(true));
            bolus.addDoseAndRate().setDose(new org.hl7.fhir.r4.model.Quantity().setValue(program.bolusDose())
                    .setUnit(unit).setSystem(UCUM).setCode(unit));
            if (program.maxBolusesPerDay() != null) {
                bolus.setMaxDosePerPeriod(new org.hl7.fhir.r4.model.Ratio()
                        .setNumerator(new org.hl7.fhir.r4.model.Quantity()
                                .setValue(program.bolusDose().multiply(java.math.BigDecimal.valueOf(program.maxBolusesPerDay())))
                                .setUnit(unit).setSystem(UCUM).setCode(unit))
                        .setDenominator(new org.hl7.fhir.r4.model.Quantity().setValue(1).setUnit("d").setSystem(UCUM).setCode("d")));
            }
        }
        return request;
    }

    /**
     * A trial pain score (trial.assessment-recorded) as an Observation: LOINC 72514-3 "Pain severity - 0-10 verbal
     * numeric rating [Score] - Reported", the score as an integer 0-10.
     */
    public org.hl7.fhir.r4.model.Observation painScore(String id, String patientRef, int nrs, java.time.OffsetDateTime at) {
        var observation = new org.hl7.fhir.r4.model.Observation();
        observation.setId(id);
        observation.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "72514-3",
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported")));
        observation.setSubject(patient(patientRef));
        observation.setEffective(new DateTimeType(Date.from(at.toInstant())));
        observation.setValue(new org.hl7.fhir.r4.model.IntegerType(nrs));
        return observation;
    }

    /**
     * followup.monitoring-started as a CarePlan: the post-operative monitoring plan of the implant, active from
     * {@code startedAt}; its activities (the visits) are added as they fall due ({@link #withVisit}).
     */
    public org.hl7.fhir.r4.model.CarePlan monitoringPlan(String id, String patientRef, OffsetDateTime startedAt) {
        var plan = new org.hl7.fhir.r4.model.CarePlan();
        plan.setId(id);
        plan.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
        plan.setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN);
        plan.setTitle("Post-operative monitoring after intrathecal pump implant");
        plan.setSubject(patient(patientRef));
        if (startedAt != null) {
            plan.setPeriod(new org.hl7.fhir.r4.model.Period().setStartElement(new DateTimeType(Date.from(startedAt.toInstant()))));
        }
        return plan;
    }

    /**
     * followup.visit-due: the plan with one more activity, the visit ({@code WOUND_CHECK}, {@code SUTURE_REMOVAL},
     * {@code RESTRICTION_REVIEW}) as an Appointment-kind detail, scheduled at {@code dueAt}.
     */
    public org.hl7.fhir.r4.model.CarePlan withVisit(org.hl7.fhir.r4.model.CarePlan plan, String visit, OffsetDateTime dueAt) {
        var detail = plan.addActivity().getDetail();
        detail.setKind(org.hl7.fhir.r4.model.CarePlan.CarePlanActivityKind.APPOINTMENT);
        detail.setCode(new CodeableConcept(new Coding(FOLLOWUP_VISIT, visit, visitText(visit))).setText(visitText(visit)));
        detail.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.SCHEDULED);
        detail.setScheduled(new org.hl7.fhir.r4.model.Period().setStartElement(new DateTimeType(Date.from(dueAt.toInstant()))));
        return plan;
    }

    /**
     * followup.monitoring-completed (status completed) or monitoring-closed (revoked: stopped early, the pump
     * removed): the plan's period ends at {@code at}; its scheduled activities are then completed or cancelled.
     */
    public org.hl7.fhir.r4.model.CarePlan ended(org.hl7.fhir.r4.model.CarePlan plan, boolean completed, OffsetDateTime at) {
        plan.setStatus(completed ? org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.COMPLETED
                : org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.REVOKED);
        plan.getPeriod().setEndElement(new DateTimeType(Date.from(at.toInstant())));
        for (var activity : plan.getActivity()) {
            if (activity.getDetail().getStatus() == org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.SCHEDULED) {
                activity.getDetail().setStatus(completed ? org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.COMPLETED
                        : org.hl7.fhir.r4.model.CarePlan.CarePlanActivityStatus.CANCELLED);
            }
        }
        return plan;
    }

    /** The gateway's code system of follow-up visits (the followup contracts' visit values). */
    public static final String FOLLOWUP_VISIT = "urn:itpump:fhir:followup-visit";
    /** The gateway's code system of escalation urgencies (the followup contracts' urgency values). */
    public static final String URGENCY = "urn:itpump:fhir:escalation-urgency";

    private static String visitText(String visit) {
        return switch (visit) {
            case "WOUND_CHECK" -> "Wound check";
            case "SUTURE_REMOVAL" -> "Suture or staple removal";
            case "RESTRICTION_REVIEW" -> "Review at the end of the activity restrictions";
            default -> visit;
        };
    }

    /**
     * An escalation (followup.complication-escalated or explant-escalated) as a clinical Flag, active from
     * {@code at}: the code names the urgency (EMERGENCY, URGENT, ROUTINE), and its text what to suspect and do.
     */
    public org.hl7.fhir.r4.model.Flag escalation(String id, String patientRef, String urgency, String suspicion,
                                                 String action, OffsetDateTime at) {
        var flag = new org.hl7.fhir.r4.model.Flag();
        flag.setId(id);
        flag.setStatus(org.hl7.fhir.r4.model.Flag.FlagStatus.ACTIVE);
        flag.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/flag-category",
                "clinical", "Clinical")));
        flag.setCode(new CodeableConcept(new Coding(URGENCY, urgency, urgency))
                .setText(urgency + ": " + suspicion + ". " + action));
        flag.setSubject(patient(patientRef));
        flag.setPeriod(new org.hl7.fhir.r4.model.Period().setStartElement(new DateTimeType(Date.from(at.toInstant()))));
        return flag;
    }

    /** followup.escalation-acknowledged: a clinician took it on; the Flag is inactive from {@code at}. */
    public org.hl7.fhir.r4.model.Flag acknowledged(org.hl7.fhir.r4.model.Flag flag, OffsetDateTime at) {
        flag.setStatus(org.hl7.fhir.r4.model.Flag.FlagStatus.INACTIVE);
        flag.getPeriod().setEndElement(new DateTimeType(Date.from(at.toInstant())));
        return flag;
    }

    /** FHIR's audit-entity-type and object-role code systems (AuditEvent.entity type and role). */
    static final String AUDIT_ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

    /**
     * A service's audit record (audit.recorded) as the gateway serves it: the source's type, action, outcome, agents
     * and observer as they were; {@code recorded} written as a FHIR instant (the source's RFC 3339 text may drop zero
     * seconds, which FHIR's instant refuses); each patient as a Patient entity whose {@code what} is the logical
     * patient reference (the configured patient system, as in every other resource); the call as a System Object.
     */
    public org.hl7.fhir.r4.model.AuditEvent auditEvent(org.itpump.gateway.domain.AuditRecord record) {
        var event = new org.hl7.fhir.r4.model.AuditEvent();
        event.setId(record.id());
        event.setType(new Coding(record.type().system(), record.type().code(), record.type().display()));
        event.setAction(org.hl7.fhir.r4.model.AuditEvent.AuditEventAction.fromCode(record.action()));
        var recorded = new org.hl7.fhir.r4.model.InstantType(Date.from(record.recorded().toInstant()),
                ca.uhn.fhir.model.api.TemporalPrecisionEnum.MILLI);
        recorded.setTimeZoneZulu(true);
        event.setRecordedElement(recorded);
        event.setOutcome(org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome.fromCode(record.outcome()));
        event.setOutcomeDesc(record.outcomeDesc());
        for (var agent : record.agents()) {
            var a = event.addAgent().setWho(new Reference().setIdentifier(new Identifier().setValue(agent.who())))
                    .setRequestor(agent.requestor());
            agent.roles().forEach(role -> a.addRole(new CodeableConcept().setText(role)));
        }
        event.getSource().setObserver(new Reference().setDisplay(record.observer() == null ? "unknown" : record.observer()));
        for (String patientRef : record.patientRefs()) {
            event.addEntity().setWhat(patient(patientRef)).setType(new Coding(AUDIT_ENTITY_TYPE, "1", "Person"))
                    .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
        }
        for (String object : record.objects()) {
            event.addEntity().setWhat(new Reference().setDisplay(object))
                    .setType(new Coding(AUDIT_ENTITY_TYPE, "2", "System Object"));
        }
        return event;
    }

    /** Reads a stored resource's JSON back. */
    public <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(Class<T> type, String json) {
        return R4.newJsonParser().parseResource(type, json);
    }
}
