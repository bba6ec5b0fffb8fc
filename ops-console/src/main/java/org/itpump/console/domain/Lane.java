package org.itpump.console.domain;

/** One lane of the pathway timeline per owning service, in pathway order; the event type's prefix names it. */
public enum Lane {
    TRIAL("trial-service"), IMPLANT("implant-service"), DOSING("dosing-service"), FOLLOWUP("followup-service");

    private final String service;

    Lane(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    /** The lane of an event type such as {@code implant.scheduled}; unknown prefixes are refused. */
    public static Lane of(String eventType) {
        String prefix = eventType.substring(0, Math.max(0, eventType.indexOf('.')));
        return switch (prefix) {
            case "trial" -> TRIAL;
            case "implant" -> IMPLANT;
            case "dosing" -> DOSING;
            case "followup" -> FOLLOWUP;
            default -> throw new IllegalArgumentException("No pathway lane for event type " + eventType);
        };
    }
}
