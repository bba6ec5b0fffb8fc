package org.itpump.chassis.security;

import io.quarkus.security.identity.SecurityIdentity;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;

/**
 * How much of a patient's record the caller may read (least privilege, HIPAA 45 CFR 164.502(b) "minimum
 * necessary"). Each resource answers with the view record of the widest view the caller's roles allow; the
 * constants are ordered narrowest first, so a caller with several roles gets the highest one.
 * <ul>
 * <li>{@link #OPERATIONAL} ({@code ops}): ids, status, timestamps, counts, versions; no pain scores, doses,
 * complication details, outcome values or free text.</li>
 * <li>{@link #SCHEDULING} ({@code scheduler}): ids, status, patientRef, booking and pre-op checklist state; no
 * NRS, doses or clinical free text.</li>
 * <li>{@link #PUBLISHED} ({@code integration}): what the events publish anyway; free text documented as never
 * published (a trial's cancellation note) is withheld.</li>
 * <li>{@link #CLINICAL} ({@code clinician}, {@code nurse}, {@code pharmacist}): everything.</li>
 * </ul>
 */
public enum CallerView {
    OPERATIONAL, SCHEDULING, PUBLISHED, CLINICAL;

    /** The widest view of the caller's roles; OPERATIONAL for a caller with none of them (the endpoint's roles decide access). */
    public static CallerView of(SecurityIdentity identity) {
        if (identity.hasRole(Roles.CLINICIAN) || identity.hasRole(Roles.NURSE) || identity.hasRole(Roles.PHARMACIST)) {
            return CLINICAL;
        }
        if (identity.hasRole(Roles.INTEGRATION)) {
            return PUBLISHED;
        }
        if (identity.hasRole(Roles.SCHEDULER)) {
            return SCHEDULING;
        }
        return OPERATIONAL;
    }

    /**
     * A copy of {@code view} with one component replaced (e.g. a withheld note), through the canonical
     * constructor, so components a record gains later are copied without naming them here.
     *
     * @throws IllegalArgumentException when the record has no such component
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R view, String component, Object value) {
        RecordComponent[] components = view.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                boolean replaced = components[i].getName().equals(component);
                found |= replaced;
                values[i] = replaced ? value : components[i].getAccessor().invoke(view);
            }
            if (!found) {
                throw new IllegalArgumentException(view.getClass().getSimpleName() + " has no component " + component);
            }
            Constructor<?> canonical = view.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (R) canonical.newInstance(values);
        } catch (ReflectiveOperationException unreadable) {
            throw new IllegalStateException("cannot copy " + view.getClass().getSimpleName(), unreadable);
        }
    }
}
