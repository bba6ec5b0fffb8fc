package org.itpump.chassis.problem;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads every {@code @QueryParam} of every service strictly, and names the parameter when it cannot: enums
 * (exact constant names, the allowed ones listed), UUIDs, booleans ({@code true} or {@code false} only: JAX-RS'
 * own {@code Boolean.valueOf} reads {@code ?open=maybe} as {@code false}), whole and decimal numbers, and every
 * type with a static {@code parse(CharSequence)}, {@code valueOf(String)} or {@code fromString(String)} (the
 * java.time types: {@code ?from=2026-11-30T08:00:00Z}, {@code ?date=2026-11-30}).
 * <p>
 * A value that cannot be read is {@link InvalidParameterException}: 400 problem+json. Without this, RESTEasy
 * Reactive answers a bare 404 for an unreadable query parameter (JAX-RS 3.1, section 3.2), as if the resource did
 * not exist. Path parameters keep the 404 (an id that cannot exist names no resource).
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Optional<String> name = queryParameterName(annotations);
        if (name.isEmpty() || rawType == String.class) {
            return null;
        }
        Function<String, Object> reader = readerOf(rawType, name.get());
        return reader == null ? null : (ParamConverter<T>) new Strict<>(name.get(), rawType, reader);
    }

    private static Optional<String> queryParameterName(Annotation[] annotations) {
        if (annotations == null) {
            return Optional.empty();
        }
        return Arrays.stream(annotations).filter(QueryParam.class::isInstance).map(a -> ((QueryParam) a).value()).findFirst();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Function<String, Object> readerOf(Class<?> type, String name) {
        if (type.isEnum()) {
            Class<? extends Enum> enumType = (Class<? extends Enum>) type;
            String allowed = Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
            return text -> {
                try {
                    return Enum.valueOf(enumType, text);
                } catch (IllegalArgumentException unknown) {
                    throw new InvalidParameterException(name, "must be one of " + allowed + ", not '" + shown(text) + "'");
                }
            };
        }
        if (type == Boolean.class || type == boolean.class) {
            return text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new InvalidParameterException(name, "must be true or false, not '" + shown(text) + "'");
            };
        }
        if (type == UUID.class) {
            return text -> {
                // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical 36-character form is an id.
                if (text.length() != 36) {
                    throw new InvalidParameterException(name, "must be a UUID, not '" + shown(text) + "'");
                }
                return parsed(name, text, "a UUID", UUID::fromString);
            };
        }
        if (type == Integer.class || type == int.class) {
            return text -> parsed(name, text, "a whole number", Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return text -> parsed(name, text, "a whole number", Long::valueOf);
        }
        if (type == BigDecimal.class) {
            return text -> parsed(name, text, "a decimal number", BigDecimal::new);
        }
        Method factory = factoryOf(type);
        if (factory == null) {
            return null;
        }
        String expected = "a " + type.getSimpleName() + " (" + exampleOf(type) + ")";
        return text -> parsed(name, text, expected, value -> {
            try {
                return factory.invoke(null, value);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalArgumentException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Method factoryOf(Class<?> type) {
        for (String[] candidate : new String[][]{{"parse", CharSequence.class.getName()}, {"valueOf", String.class.getName()},
                {"fromString", String.class.getName()}}) {
            try {
                Method method = type.getMethod(candidate[0], Class.forName(candidate[1]));
                if (Modifier.isStatic(method.getModifiers()) && type.isAssignableFrom(method.getReturnType())) {
                    return method;
                }
            } catch (NoSuchMethodException | ClassNotFoundException absent) {
                // try the next factory
            }
        }
        return null;
    }

    private static String exampleOf(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "an RFC 3339 instant such as 2026-11-30T08:00:00Z";
            case "LocalDate" -> "a day such as 2026-11-30";
            default -> "as " + type.getSimpleName() + " writes it";
        };
    }

    private static Object parsed(String name, String text, String expected, Function<String, Object> parse) {
        try {
            return parse.apply(text);
        } catch (InvalidParameterException already) {
            throw already;
        } catch (RuntimeException unreadable) {
            throw new InvalidParameterException(name, "must be " + expected + ", not '" + shown(text) + "'");
        }
    }

    /** The value as sent, cut short: the answer should not echo a whole oversize parameter back. */
    private static String shown(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private record Strict<T>(String name, Class<T> type, Function<String, Object> reader) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            if (value.isEmpty()) { // ?status= : given, but empty
                throw new InvalidParameterException(name, "is empty");
            }
            return type.isPrimitive() ? (T) reader.apply(value) : type.cast(reader.apply(value));
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value.toString();
        }
    }
}
