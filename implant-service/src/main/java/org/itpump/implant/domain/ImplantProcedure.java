package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The two-part implant: part 1 the intrathecal catheter (entry level in the back, tip level), part 2 the
 * pump in an abdominal pocket, under sedation, with the device that dosing will program and refill.
 */
public record ImplantProcedure(SpinalLevel catheterEntryLevel, SpinalLevel catheterTipLevel, PocketSide pocketSide,
                               PumpDevice device, Anesthesia anesthesia, Instant startedAt, Instant endedAt) {

    public enum PocketSide { LEFT, RIGHT }

    public enum Anesthesia { SEDATION, GENERAL }

    /** Reservoirs of implanted intrathecal pumps hold up to 40 mL (20 and 40 mL models are usual). */
    static final BigDecimal MAX_RESERVOIR_ML = new BigDecimal("40");
    static final Duration LONGEST = Duration.ofHours(12);

    /**
     * The pump as the surgeon records it. lotNumber, expiresOn and udi (the UDI as printed, human-readable form) are
     * optional (issue 15, for FHIR Device): null when the note does not give them.
     */
    public record PumpDevice(String manufacturer, String model, String serialNumber, BigDecimal reservoirVolumeMl,
                             String lotNumber, LocalDate expiresOn, String udi) {

        /** A pump without lot, expiry or UDI. */
        public PumpDevice(String manufacturer, String model, String serialNumber, BigDecimal reservoirVolumeMl) {
            this(manufacturer, model, serialNumber, reservoirVolumeMl, null, null, null);
        }
    }

    /**
     * The intrathecal catheter implanted with the pump (issue 15, FHIR Device and Procedure.focalDevice): manufacturer
     * and model, and optionally serial, lot, expiry and UDI. Not checked against a catalogue (there is none for
     * catheters here).
     */
    public record CatheterDevice(String manufacturer, String model, String serialNumber, String lotNumber,
                                 LocalDate expiresOn, String udi) {
    }

    public static ImplantProcedure record(String entryLevel, String tipLevel, PocketSide pocketSide, PumpDevice device,
                                          Anesthesia anesthesia, Instant startedAt, Instant endedAt, Instant now) {
        SpinalLevel entry = SpinalLevel.parse(entryLevel);
        SpinalLevel tip = SpinalLevel.parse(tipLevel);
        if (!tip.isAtOrAbove(entry)) {
            throw new RuleViolationException("The catheter tip (" + tip.label() + ") must lie at or above its entry ("
                    + entry.label() + ")");
        }
        if (device.reservoirVolumeMl().signum() <= 0 || device.reservoirVolumeMl().compareTo(MAX_RESERVOIR_ML) > 0) {
            throw new RuleViolationException("Reservoir volume must be above 0 and at most " + MAX_RESERVOIR_ML
                    + " mL, was " + device.reservoirVolumeMl().toPlainString() + " mL");
        }
        if (!endedAt.isAfter(startedAt) || Duration.between(startedAt, endedAt).compareTo(LONGEST) > 0) {
            throw new RuleViolationException("The procedure must end after it starts and last at most 12 hours");
        }
        if (endedAt.isAfter(now)) {
            throw new RuleViolationException("A procedure cannot end in the future (" + endedAt + ")");
        }
        return new ImplantProcedure(entry, tip, pocketSide, device, anesthesia, startedAt, endedAt);
    }
}
