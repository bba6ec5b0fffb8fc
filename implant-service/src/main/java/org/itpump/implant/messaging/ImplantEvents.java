package org.itpump.implant.messaging;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.events.OutgoingEvent;
import org.itpump.implant.domain.ExplantReason;
import org.itpump.implant.domain.ImplantPath;
import org.itpump.implant.domain.WithdrawalPlan;
import org.itpump.implant.domain.ImplantCase;
import org.itpump.implant.domain.ImplantEvent;
import org.itpump.implant.domain.TheatreBooking;
import org.itpump.implant.service.ImplantEventPayloads;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * The facts implant-service publishes (contracts/schemas/implant.*.json). Booking events carry what an
 * HL7 v2 SIU feed needs: scheduled (S12 new), rescheduled (S13), cancelled (S15). Built from the domain events
 * an implant case's acts return.
 */
@ApplicationScoped
public class ImplantEvents implements ImplantEventPayloads {

    private final ZoneId hospitalZone;

    ImplantEvents(@ConfigProperty(name = "itpump.implant.hospital-zone", defaultValue = "UTC") ZoneId hospitalZone) {
        this.hospitalZone = hospitalZone;
    }

    /** The procedure booked, as SIU's AIS segment names it. */
    public static final Procedure PROCEDURE = new Procedure("CPT", "62362",
            "Implantation of intrathecal drug delivery pump with intrathecal catheter");

    public record Procedure(String codingSystem, String code, String description) {
    }

    public record Resource(UUID id, String name) {
    }

    /**
     * The surgeon booked. staffId (issue 15, HL7 SIU AIP-3): the surgeon's hospital staff reference, left out when it
     * is not one the contract's pattern admits (letters, digits, {@code . _ : -}, at most 64).
     */
    public record BookedSurgeon(UUID id, String name, @JsonInclude(JsonInclude.Include.NON_NULL) String staffId) {

        static BookedSurgeon of(org.itpump.implant.domain.Surgeon surgeon) {
            String ref = surgeon.staffRef();
            return new BookedSurgeon(surgeon.id(), surgeon.name(),
                    ref != null && STAFF_ID.matcher(ref).matches() ? ref : null);
        }
    }

    private static final java.util.regex.Pattern STAFF_ID = java.util.regex.Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    /** path TRIAL (a passed trial) or REPLACEMENT (replacesCaseId: the case whose pump it replaces, and why). */
    public record CaseOpened(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, OffsetDateTime openedAt,
                             ImplantPath path, UUID replacesCaseId, ExplantReason replacementReason) {
    }

    public record CaseClosed(UUID pathwayId, String patientRef, UUID caseId, String reason, OffsetDateTime closedAt) {
    }

    /** implant.pre-op-checklist-updated: the items confirmed and outstanding, in checklist order. */
    public record PreOpChecklistUpdated(UUID pathwayId, String patientRef, UUID caseId, List<String> confirmed,
                                        List<String> outstanding, boolean complete, String updatedBy,
                                        OffsetDateTime updatedAt) {
    }

    /**
     * implant.scheduled, rescheduled, cancelled. Optional (issue 15, left out when absent): reasonCode (SIU SCH-6),
     * hospitalTimeZone (the IANA zone of {@code itpump.implant.hospital-zone}; the times stay instants) and enteredBy
     * (SIU SCH-20: {@link #enteredBy}).
     */
    public record Appointment(UUID pathwayId, String patientRef, UUID caseId, UUID bookingId, String appointmentStatus,
                              OffsetDateTime start, OffsetDateTime end, long durationMinutes, Resource operatingRoom,
                              BookedSurgeon surgeon, Procedure procedure, String reason,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String reasonCode,
                              OffsetDateTime previousStart, String hospitalTimeZone,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String enteredBy) {
    }

    private static final java.util.regex.Pattern ENTERED_BY = java.util.regex.Pattern.compile("^[A-Za-z0-9._:@-]{1,64}$");

    /**
     * The contract's enteredBy (issue 15, HL7 SIU SCH-20): the caller's identity from its token (JWT upn, else sub), as
     * the domain event names it; left out when absent (a change the service made itself) or when it is not one the
     * contract's pattern admits (letters, digits, {@code . _ : @ -}, at most 64), so that no event fails its schema.
     */
    static String enteredBy(String by) {
        return by != null && ENTERED_BY.matcher(by).matches() ? by : null;
    }

    /**
     * The implanted pump. The fields after reservoirVolumeMl are the device catalogue's facts of the model (issue 12
     * section 2): the low-reservoir alarm volume in mL (the pump's default; with its programmable range, if any),
     * the mechanism, the MRI conditions and the catalogue entry's source. Null (left out) only for a case completed
     * before the catalogue existed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Device(String manufacturer, String model, String serialNumber, BigDecimal reservoirVolumeMl,
                         BigDecimal lowReservoirAlarmMl, AlarmRange lowReservoirAlarmRangeMl, String mechanism,
                         Mri mri, String catalogueSource, String lotNumber, LocalDate expiresOn, String udi) {

        static Device of(ImplantCase.ImplantedPump p) {
            return new Device(p.manufacturer(), p.model(), p.serialNumber(), p.reservoirVolumeMl(),
                    p.lowReservoirAlarmMl(),
                    p.lowReservoirAlarmMinMl() == null ? null : new AlarmRange(p.lowReservoirAlarmMinMl(), p.lowReservoirAlarmMaxMl()),
                    p.mechanism() == null ? null : p.mechanism().name(),
                    p.mriSafety() == null ? null : new Mri(p.mriSafety().name(), p.mriSummary(),
                            p.mriConditions() == null ? List.of() : p.mriConditions(), p.mriSource()),
                    p.catalogueSource(), p.lotNumber(), p.expiresOn(), p.udi());
        }
    }

    /** Issue 15: the intrathecal catheter implanted with the pump; identifiers optional (left out when absent). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Catheter(String manufacturer, String model, String serialNumber, String lotNumber,
                           LocalDate expiresOn, String udi) {

        static Catheter of(org.itpump.implant.domain.ImplantProcedure.CatheterDevice c) {
            return c == null ? null : new Catheter(c.manufacturer(), c.model(), c.serialNumber(), c.lotNumber(),
                    c.expiresOn(), c.udi());
        }
    }

    /** A programmable low-reservoir alarm's range, mL. */
    public record AlarmRange(BigDecimal minMl, BigDecimal maxMl) {
    }

    /** MRI safety term (MR_CONDITIONAL...), a one-line summary, the conditions and their source. */
    public record Mri(String safety, String summary, List<String> conditions, String source) {
    }

    public record Completed(UUID pathwayId, String patientRef, UUID caseId, UUID trialId, int baselineNrs,
                            BigDecimal reservoirVolumeMl, Device device, String catheterEntryLevel,
                            String catheterTipLevel, String pumpPocketSide, String anesthesia,
                            OffsetDateTime procedureStartedAt, OffsetDateTime procedureEndedAt,
                            OffsetDateTime completedAt, ImplantPath path, UUID replacesCaseId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) UUID bookingId,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Catheter catheter,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String enteredBy) {
    }

    /**
     * replacedByCaseId: the replacement case whose surgery removed this pump (the drug goes on in the new pump);
     * withdrawalPlan: how the drug is withdrawn, recorded with an explant planned in advance. Both may be null.
     */
    public record Explanted(UUID pathwayId, String patientRef, UUID caseId, ExplantReason reason,
                            OffsetDateTime explantedAt, UUID replacedByCaseId, WithdrawalPlanFacts withdrawalPlan) {
    }

    public record WithdrawalPlanFacts(WithdrawalPlan.Kind kind, LocalDate startedOn, String detail) {
        static WithdrawalPlanFacts of(WithdrawalPlan plan) {
            return plan == null ? null : new WithdrawalPlanFacts(plan.kind(), plan.startedOn(), plan.detail());
        }
    }

    /** Picks the mapping of {@code event}'s type. */
    @Override
    public OutgoingEvent outgoing(ImplantEvent event) {
        if (event instanceof ImplantEvent.CaseOpened opened) {
            return caseOpened(opened.implantCase());
        }
        if (event instanceof ImplantEvent.CaseClosed closed) {
            return caseClosed(closed.implantCase());
        }
        if (event instanceof ImplantEvent.Appointment appointment) {
            return appointment(appointment);
        }
        if (event instanceof ImplantEvent.PreOpChecklistUpdated checklist) {
            return preOpChecklistUpdated(checklist);
        }
        if (event instanceof ImplantEvent.Completed completed) {
            return completed(completed.implantCase(), completed.enteredBy());
        }
        if (event instanceof ImplantEvent.Explanted explanted) {
            return explanted(explanted.implantCase());
        }
        throw new IllegalArgumentException("No contract for " + event.getClass().getName());
    }

    static OutgoingEvent caseOpened(ImplantCase c) {
        return new OutgoingEvent("implant.case-opened", c.pathwayId(),
                new CaseOpened(c.pathwayId(), c.patientRef(), c.id(), c.trialId(), c.openedAt(), c.path(),
                        c.replacesCaseId(), c.replacementReason()));
    }

    static OutgoingEvent caseClosed(ImplantCase c) {
        return new OutgoingEvent("implant.case-closed", c.pathwayId(),
                new CaseClosed(c.pathwayId(), c.patientRef(), c.id(), c.closure().reason(), c.closure().closedAt()));
    }

    /** implant.scheduled, implant.rescheduled or implant.cancelled (SIU S12, S13, S15). */
    OutgoingEvent appointment(ImplantEvent.Appointment a) {
        String type = switch (a.change()) {
            case SCHEDULED -> "implant.scheduled";
            case RESCHEDULED -> "implant.rescheduled";
            case CANCELLED -> "implant.cancelled";
        };
        ImplantCase c = a.implantCase();
        TheatreBooking b = a.booking();
        return new OutgoingEvent(type, c.pathwayId(), new Appointment(c.pathwayId(), c.patientRef(), c.id(), b.id(),
                b.status().name(), b.startsAt(), b.endsAt(), Duration.between(b.startsAt(), b.endsAt()).toMinutes(),
                new Resource(a.room().id(), a.room().name()), BookedSurgeon.of(a.surgeon()),
                PROCEDURE, a.reason(), a.reasonCode() == null ? null : a.reasonCode().name(), a.previousStart(),
                hospitalZone.getId(), enteredBy(a.enteredBy())));
    }

    static OutgoingEvent preOpChecklistUpdated(ImplantEvent.PreOpChecklistUpdated e) {
        ImplantCase c = e.implantCase();
        List<String> outstanding = c.checklist().missing().stream().map(Enum::name).toList();
        return new OutgoingEvent("implant.pre-op-checklist-updated", c.pathwayId(), new PreOpChecklistUpdated(c.pathwayId(),
                c.patientRef(), c.id(), c.preOpChecklist().stream().map(Enum::name).toList(), outstanding,
                outstanding.isEmpty(), e.updatedBy(), e.updatedAt()));
    }

    static OutgoingEvent completed(ImplantCase c, String by) {
        ImplantCase.Implant i = c.implant();
        return new OutgoingEvent("implant.completed", c.pathwayId(), new Completed(c.pathwayId(), c.patientRef(), c.id(),
                c.trialId(), c.baselineNrs(), i.pump().reservoirVolumeMl(), Device.of(i.pump()),
                i.catheterEntryLevel(), i.catheterTipLevel(), i.pumpPocketSide().name(), i.anesthesia().name(),
                i.procedureStartedAt(), i.procedureEndedAt(), i.completedAt(), c.path(), c.replacesCaseId(),
                c.bookingId(), Catheter.of(i.catheter()), enteredBy(by)));
    }

    static OutgoingEvent explanted(ImplantCase c) {
        ImplantCase.Explant e = c.explant();
        return new OutgoingEvent("implant.explanted", c.pathwayId(),
                new Explanted(c.pathwayId(), c.patientRef(), c.id(), e.reason(), e.explantedAt(), e.replacedByCaseId(),
                        WithdrawalPlanFacts.of(e.withdrawalPlan())));
    }
}
