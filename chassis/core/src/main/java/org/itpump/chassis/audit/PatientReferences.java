package org.itpump.chassis.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The patient references a value holds: the patientRef component of records (answers are records by convention),
 * the public patientRef field of an entity (what a use case returns), the patientRef members of a JSON document (an
 * event's payload), in lists, maps and nested values too (a theatre list names several patients).
 */
final class PatientReferences {

    private static final int MAX_DEPTH = 4;
    private static final String NAME = "patientRef";

    private PatientReferences() {
    }

    static List<String> in(Object value) {
        Set<String> found = new LinkedHashSet<>();
        collect(value, found, 0);
        return new ArrayList<>(found);
    }

    private static void collect(Object value, Set<String> found, int depth) {
        if (value == null || depth > MAX_DEPTH || value instanceof CharSequence || value instanceof Number
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof JsonNode json) {
            collectJson(json, found, depth);
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(item -> collect(item, found, depth + 1));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, part) -> {
                if (NAME.equals(key) && part instanceof String reference) {
                    found.add(reference);
                } else {
                    collect(part, found, depth + 1);
                }
            });
            return;
        }
        if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    part(component.getName(), component.getAccessor().invoke(value), found, depth);
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    // a component that cannot be read holds no reference we could report
                }
            }
            return;
        }
        if (value.getClass().getName().startsWith("java.")) {
            return;
        }
        // an entity: its patientRef (Panache entities declare public fields; the enhancement adds getters)
        try {
            part(NAME, value.getClass().getMethod("getPatientRef").invoke(value), found, depth);
            return;
        } catch (NoSuchMethodException noGetter) {
            // read the field below
        } catch (ReflectiveOperationException | RuntimeException unreadable) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(NAME);
                if (!Modifier.isStatic(field.getModifiers()) && field.trySetAccessible()) {
                    part(NAME, field.get(value), found, depth);
                }
                return;
            } catch (NoSuchFieldException notHere) {
                // its superclass may declare it
            } catch (ReflectiveOperationException | RuntimeException unreadable) {
                return;
            }
        }
    }

    private static void part(String name, Object part, Set<String> found, int depth) {
        if (NAME.equals(name) && part instanceof String reference) {
            found.add(reference);
        } else if (part instanceof Collection<?> || part instanceof Map<?, ?> || part != null && part.getClass().isRecord()) {
            collect(part, found, depth + 1);
        }
    }

    private static void collectJson(JsonNode json, Set<String> found, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (json.isArray()) {
            json.forEach(item -> collectJson(item, found, depth + 1));
        } else if (json.isObject()) {
            json.fields().forEachRemaining(member -> {
                if (NAME.equals(member.getKey()) && member.getValue().isTextual()) {
                    found.add(member.getValue().asText());
                } else if (member.getValue().isContainerNode()) {
                    collectJson(member.getValue(), found, depth + 1);
                }
            });
        }
    }
}
