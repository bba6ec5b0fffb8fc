package org.itpump.chassis.audit;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The patient references an answer holds: the patientRef component of the response records, in lists and
 * nested records too (a theatre list names several patients). Answers are records by convention.
 */
final class PatientReferences {

    private static final int MAX_DEPTH = 4;

    private PatientReferences() {
    }

    static List<String> in(Object entity) {
        Set<String> found = new LinkedHashSet<>();
        collect(entity, found, 0);
        return new ArrayList<>(found);
    }

    private static void collect(Object value, Set<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(item -> collect(item, found, depth + 1));
            return;
        }
        if (!value.getClass().isRecord()) {
            return;
        }
        for (RecordComponent component : value.getClass().getRecordComponents()) {
            try {
                Object part = component.getAccessor().invoke(value);
                if ("patientRef".equals(component.getName()) && part instanceof String reference) {
                    found.add(reference);
                } else if (part instanceof Collection<?> || part != null && part.getClass().isRecord()) {
                    collect(part, found, depth + 1);
                }
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                // a component that cannot be read holds no reference we could report
            }
        }
    }
}
