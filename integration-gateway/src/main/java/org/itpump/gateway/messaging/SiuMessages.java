package org.itpump.gateway.messaging;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.DataTypeException;
import ca.uhn.hl7v2.model.v251.datatype.CE;
import ca.uhn.hl7v2.model.v251.datatype.EI;
import ca.uhn.hl7v2.model.v251.datatype.TS;
import ca.uhn.hl7v2.model.v251.datatype.XCN;
import ca.uhn.hl7v2.model.v251.group.SIU_S12_RESOURCES;
import ca.uhn.hl7v2.model.v251.message.SIU_S12;
import ca.uhn.hl7v2.model.v251.segment.AIL;
import ca.uhn.hl7v2.model.v251.segment.AIP;
import ca.uhn.hl7v2.model.v251.segment.AIS;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.model.v251.segment.PV1;
import ca.uhn.hl7v2.model.v251.segment.SCH;
import ca.uhn.hl7v2.model.v251.segment.TQ1;
import ca.uhn.hl7v2.parser.PipeParser;
import org.itpump.gateway.domain.Booking;
import org.itpump.gateway.domain.SiuTrigger;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds HL7 v2.5.1 SIU messages (structure SIU_S12, for S12, S13, S14, S15 and S26) for an implant booking with
 * HAPI's v2.5.1 model, and encodes them as ER7. Segments and their fields:
 * <ul>
 *   <li>MSH: the configured applications and facilities, the trigger, the control id given by the caller;</li>
 *   <li>SCH: SCH-1 placer appointment id (a requesting system's, when one requested the booking), SCH-2 filler
 *   appointment id (implant-service's booking id: it owns the theatre booking), SCH-6 event reason (coded), SCH-7 appointment reason, SCH-8 type, SCH-9/10 duration in
 *   minutes, SCH-16 filler contact (the theatre coordinator), SCH-20 entered by, SCH-25 filler status (table 0278);</li>
 *   <li>TQ1: start and end in the hospital's time zone, occurrence duration in minutes;</li>
 *   <li>PID: only PID-3, the opaque patient reference with the configured assigning authority (type PI); PID-5 is
 *   the required name field left without any name (name type S, pseudonymised);</li>
 *   <li>PV1: patient class P (pre-admit for surgery), the theatre as assigned location;</li>
 *   <li>RGS, AIS (the procedure, coded: CPT is HL7 table 0396 "C4"), AIL (the theatre), AIP (the surgeon with
 *   staff id, resource type SNOMED CT 304292004 Surgeon).</li>
 * </ul>
 * Thread-safe: each call builds a new message.
 */
public final class SiuMessages {

    /** HL7 table 0396 names of the coding systems implant-service uses. */
    static String hl7CodingSystem(String codingSystem) {
        return switch (codingSystem.toUpperCase(Locale.ROOT)) {
            case "CPT", "CPT-4", "C4" -> "C4";
            case "SNOMED", "SNOMED-CT", "SNOMEDCT", "SCT" -> "SCT";
            case "ICD-10-PCS", "I10P" -> "I10P";
            case "OPCS-4", "OPCS4" -> "OPCS4"; // not in table 0396; sent as named locally
            default -> codingSystem;
        };
    }

    /** Local code system of the gateway's event reasons (HL7's 99zzz convention for local tables). */
    public static final String LOCAL_REASONS = "99ITPR";
    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private final SiuSettings settings;
    private final HapiContext context = new DefaultHapiContext();

    public SiuMessages(SiuSettings settings) {
        this.settings = settings;
    }

    /** The trigger's message for this booking, as ER7 (segments separated by carriage returns). */
    public String er7(SiuTrigger trigger, Booking booking, String controlId, OffsetDateTime sentAt) {
        try {
            return parser().encode(build(trigger, booking, controlId, sentAt));
        } catch (HL7Exception e) {
            throw new IllegalStateException("SIU^" + trigger + " for case " + booking.caseId() + " cannot be encoded", e);
        }
    }

    /** The parser the gateway uses: HAPI's pipe parser with its default v2 validation rules. */
    public PipeParser parser() {
        return context.getPipeParser();
    }

    /** The message as HAPI's model, for callers that send it (MLLP) rather than its text. */
    public SIU_S12 build(SiuTrigger trigger, Booking booking, String controlId, OffsetDateTime sentAt) {
        try {
            SIU_S12 siu = new SIU_S12();
            siu.setParser(parser());
            siu.initQuickstart("SIU", trigger.name(), settings.processingId());
            msh(siu.getMSH(), controlId, sentAt);
            sch(siu.getSCH(), trigger, booking);
            tq1(siu.getTQ1(), booking);
            pid(siu.getPATIENT().getPID(), booking);
            pv1(siu.getPATIENT().getPV1(), booking);
            resources(siu.getRESOURCES(), trigger, booking);
            return siu;
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("SIU^" + trigger + " for case " + booking.caseId() + " cannot be built", e);
        }
    }

    private void msh(MSH msh, String controlId, OffsetDateTime sentAt) throws DataTypeException {
        msh.getSendingApplication().getNamespaceID().setValue(settings.sendingApplication());
        msh.getSendingFacility().getNamespaceID().setValue(settings.sendingFacility());
        msh.getReceivingApplication().getNamespaceID().setValue(settings.receivingApplication());
        msh.getReceivingFacility().getNamespaceID().setValue(settings.receivingFacility());
        time(msh.getDateTimeOfMessage(), sentAt);
        msh.getMessageControlID().setValue(controlId);
        msh.getAcceptAcknowledgmentType().setValue("AL");
        msh.getApplicationAcknowledgmentType().setValue("NE");
        msh.getCharacterSet(0).setValue("UNICODE UTF-8");
    }

    private void sch(SCH sch, SiuTrigger trigger, Booking booking) throws HL7Exception {
        // implant-service books the slot and announces it: it is the filler, its booking id the filler appointment id
        EI filler = sch.getFillerAppointmentID();
        filler.getEntityIdentifier().setValue(booking.bookingId().toString());
        filler.getNamespaceID().setValue(settings.sendingApplication());
        if (booking.placerAppointmentId() != null) {
            sch.getPlacerAppointmentID().getEntityIdentifier().setValue(booking.placerAppointmentId());
        }
        Booking.CodedReason reason = eventReason(trigger, booking);
        coded(sch.getEventReason(), reason.code(), reason.text(), LOCAL_REASONS);
        coded(sch.getAppointmentReason(), "ROUTINE", "Routine appointment", "HL70276");
        coded(sch.getAppointmentType(), "Normal", "Routine schedule request type", "HL70277");
        sch.getAppointmentDuration().setValue(Integer.toString(booking.durationMinutes()));
        coded(sch.getAppointmentDurationUnits(), "min", "minute", "UCUM");
        XCN contact = sch.getFillerContactPerson(0);
        contact.getIDNumber().setValue(settings.fillerContactId());
        contact.getFamilyName().getSurname().setValue(settings.fillerContactName());
        if (settings.fillerContactPhone() != null) {
            sch.getFillerContactPhoneNumber().getTelephoneNumber().setValue(settings.fillerContactPhone());
        }
        String enteredBy = booking.enteredBy() != null ? booking.enteredBy() : settings.defaultEnteredBy();
        sch.getEnteredByPerson(0).getIDNumber().setValue(enteredBy);
        coded(sch.getFillerStatusCode(), booking.status().hl7FillerStatus(), booking.status().hl7FillerStatus(), "HL70278");
    }

    /** The source's coded reason where it gave one; else the gateway's code for what happened. */
    static Booking.CodedReason eventReason(SiuTrigger trigger, Booking booking) {
        Booking.CodedReason given = booking.reason();
        if (given != null && given.code() != null) {
            return given;
        }
        String text = given != null && given.text() != null ? given.text() : null;
        return switch (trigger) {
            case S12 -> new Booking.CodedReason("BOOKED", text != null ? text : "New implant booking");
            case S13 -> new Booking.CodedReason("RESCHEDULED", text != null ? text : "Implant rescheduled");
            case S14 -> new Booking.CodedReason("MODIFIED", text != null ? text : "Implant booking modified");
            case S15 -> new Booking.CodedReason("CANCELLED", text != null ? text : "Implant cancelled");
            case S26 -> new Booking.CodedReason("NO_SHOW", text != null ? text : "Patient did not attend");
        };
    }

    private void tq1(TQ1 tq1, Booking booking) throws HL7Exception {
        tq1.getSetIDTQ1().setValue("1");
        time(tq1.getStartDateTime(), booking.start());
        time(tq1.getEndDateTime(), booking.end());
        tq1.getOccurrenceDuration().getQuantity().setValue(Integer.toString(booking.durationMinutes()));
        coded(tq1.getOccurrenceDuration().getUnits(), "min", "minute", "UCUM");
    }

    private void pid(PID pid, Booking booking) throws HL7Exception {
        pid.getSetIDPID().setValue("1");
        var id = pid.getPatientIdentifierList(0);
        id.getIDNumber().setValue(booking.patientRef());
        id.getAssigningAuthority().getNamespaceID().setValue(settings.patientAssigningAuthority());
        id.getIdentifierTypeCode().setValue("PI");
        pid.getPatientName(0).getNameTypeCode().setValue("S");
    }

    private void pv1(PV1 pv1, Booking booking) throws HL7Exception {
        pv1.getSetIDPV1().setValue("1");
        pv1.getPatientClass().setValue("P");
        pv1.getAssignedPatientLocation().getRoom().setValue(booking.theatre().name());
        pv1.getAssignedPatientLocation().getFacility().getNamespaceID().setValue(settings.sendingFacility());
    }

    private void resources(SIU_S12_RESOURCES resources, SiuTrigger trigger, Booking booking) throws HL7Exception {
        String action = trigger.segmentActionCode();
        resources.getRGS().getSetIDRGS().setValue("1");
        resources.getRGS().getSegmentActionCode().setValue(action);

        AIS ais = resources.getSERVICE().getAIS();
        ais.getSetIDAIS().setValue("1");
        ais.getSegmentActionCode().setValue(action);
        Booking.CodedProcedure procedure = booking.procedure();
        coded(ais.getUniversalServiceIdentifier(), procedure.code(), procedure.description(),
                hl7CodingSystem(procedure.codingSystem()));
        time(ais.getStartDateTime(), booking.start());
        ais.getDuration().setValue(Integer.toString(booking.durationMinutes()));
        coded(ais.getDurationUnits(), "min", "minute", "UCUM");
        coded(ais.getFillerStatusCode(), booking.status().hl7FillerStatus(), booking.status().hl7FillerStatus(), "HL70278");

        AIL ail = resources.getLOCATION_RESOURCE().getAIL();
        ail.getSetIDAIL().setValue("1");
        ail.getSegmentActionCode().setValue(action);
        var theatre = ail.getLocationResourceID(0);
        theatre.getRoom().setValue(booking.theatre().name());
        theatre.getFacility().getNamespaceID().setValue(settings.sendingFacility());
        theatre.getLocationDescription().setValue(booking.theatre().name());
        theatre.getComprehensiveLocationIdentifier().getEntityIdentifier().setValue(booking.theatre().id().toString());
        theatre.getComprehensiveLocationIdentifier().getNamespaceID().setValue(settings.sendingApplication());
        coded(ail.getLocationTypeAIL(), "OR", "Operating theatre", "99ITPL");
        time(ail.getStartDateTime(), booking.start());
        ail.getDuration().setValue(Integer.toString(booking.durationMinutes()));
        coded(ail.getDurationUnits(), "min", "minute", "UCUM");

        AIP aip = resources.getPERSONNEL_RESOURCE().getAIP();
        aip.getSetIDAIP().setValue("1");
        aip.getSegmentActionCode().setValue(action);
        XCN surgeon = aip.getPersonnelResourceID(0);
        Booking.Surgeon who = booking.surgeon();
        if (who.staffId() != null) {
            surgeon.getIDNumber().setValue(who.staffId());
            surgeon.getAssigningAuthority().getNamespaceID().setValue(settings.sendingFacility());
            surgeon.getIdentifierTypeCode().setValue("EI"); // table 0203: employee number
        } else {
            surgeon.getIDNumber().setValue(who.id().toString());
            surgeon.getAssigningAuthority().getNamespaceID().setValue(settings.sendingApplication());
        }
        surgeon.getFamilyName().getSurname().setValue(who.name());
        coded(aip.getResourceType(), "304292004", "Surgeon", "SCT");
        time(aip.getStartDateTime(), booking.start());
        aip.getDuration().setValue(Integer.toString(booking.durationMinutes()));
        coded(aip.getDurationUnits(), "min", "minute", "UCUM");
    }

    private static void coded(CE ce, String code, String text, String system) throws DataTypeException {
        ce.getIdentifier().setValue(code);
        ce.getText().setValue(text);
        ce.getNameOfCodingSystem().setValue(system);
    }

    private void time(TS ts, OffsetDateTime at) throws DataTypeException {
        ts.getTime().setValue(at.atZoneSameInstant(settings.hospitalZone()).format(HL7_TIME));
    }
}
