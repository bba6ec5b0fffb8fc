package org.itpump.gateway.domain;

/**
 * The SIU trigger events the gateway sends (HL7 v2.5.1 chapter 10, all with message structure SIU_S12), and the
 * rule that picks one for a change of a booking.
 */
public enum SiuTrigger {
    /** Notification of new appointment booking. */
    S12("A"),
    /** Notification of appointment rescheduling: the time moved. */
    S13("U"),
    /** Notification of appointment modification: same time, other resources (surgeon, theatre) or status. */
    S14("U"),
    /** Notification of appointment cancellation. */
    S15("D"),
    /** Notification that patient did not show up for scheduled appointment. */
    S26("U");

    private final String segmentActionCode;

    SiuTrigger(String segmentActionCode) {
        this.segmentActionCode = segmentActionCode;
    }

    /** HL7 table 0206 segment action code for RGS/AIS/AIL/AIP: A add, U update, D delete. */
    public String segmentActionCode() {
        return segmentActionCode;
    }

    /**
     * What a booked or rebooked slot is, compared with what the engine was last told.
     * No previous booking, or a cancelled one: S12 (a new appointment). The time moved: S13. Only the surgeon,
     * theatre or procedure changed: S14. Nothing changed (a redelivered or repeated event): null, no message.
     */
    public static SiuTrigger forBooking(Booking previous, Booking next) {
        if (previous == null || previous.status() == AppointmentStatus.CANCELLED) {
            return S12;
        }
        if (!previous.sameTime(next)) {
            return S13;
        }
        return previous.sameResources(next) ? null : S14;
    }
}
