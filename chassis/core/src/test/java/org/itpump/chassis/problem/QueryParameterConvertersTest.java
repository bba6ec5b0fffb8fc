package org.itpump.chassis.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each parameter type the services use, read strictly, with the parameter named when it cannot be read. */
class QueryParameterConvertersTest {

    enum Status { IN_PROGRESS, PASSED }

    private final QueryParameterConverters converters = new QueryParameterConverters();

    private static Annotation[] query(String name) {
        return new Annotation[]{new QueryParam() {
            @Override
            public String value() {
                return name;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return QueryParam.class;
            }
        }};
    }

    private <T> ParamConverter<T> converter(Class<T> type, String name) {
        return converters.getConverter(type, type, query(name));
    }

    private <T> InvalidParameterException refused(Class<T> type, String name, String value) {
        InvalidParameterException refused = assertThrows(InvalidParameterException.class,
                () -> converter(type, name).fromString(value));
        assertEquals(name, refused.parameter());
        assertTrue(refused.getMessage().contains("'" + name + "'"), refused.getMessage());
        assertEquals(400, refused.getResponse().getStatus());
        return refused;
    }

    @Test
    void readableValuesAreRead() {
        assertEquals(Status.PASSED, converter(Status.class, "status").fromString("PASSED"));
        UUID id = UUID.randomUUID();
        assertEquals(id, converter(UUID.class, "pathwayId").fromString(id.toString()));
        assertEquals(OffsetDateTime.of(2026, 11, 30, 8, 0, 0, 0, ZoneOffset.UTC),
                converter(OffsetDateTime.class, "from").fromString("2026-11-30T08:00:00Z"));
        assertEquals(LocalDate.of(2026, 12, 1), converter(LocalDate.class, "date").fromString("2026-12-01"));
        assertEquals(Instant.parse("2026-11-30T08:00:00Z"), converter(Instant.class, "at").fromString("2026-11-30T08:00:00Z"));
        assertEquals(Boolean.TRUE, converter(Boolean.class, "open").fromString("true"));
        assertEquals(Boolean.FALSE, converter(Boolean.class, "open").fromString("FALSE"));
        assertEquals(50, converter(Integer.class, "limit").fromString("50"));
        assertEquals(new BigDecimal("0.5"), converter(BigDecimal.class, "dose").fromString("0.5"));
        assertNull(converter(Status.class, "status").fromString(null));
    }

    @Test
    void unreadableValuesAre400NamingTheParameter() {
        assertTrue(refused(Status.class, "status", "X").getMessage().contains("IN_PROGRESS, PASSED"));
        refused(Status.class, "status", "passed"); // constants are exact
        refused(UUID.class, "pathwayId", "not-a-uuid");
        refused(UUID.class, "pathwayId", "1-2-3-4-5"); // UUID.fromString would read it
        refused(OffsetDateTime.class, "from", "tomorrow");
        refused(OffsetDateTime.class, "to", "2026-11-30"); // a day is not an instant
        refused(LocalDate.class, "date", "2026-02-30");
        refused(Instant.class, "at", "yesterday-ish");
        refused(Boolean.class, "open", "maybe"); // Boolean.valueOf would read it as false
        refused(Integer.class, "limit", "fifty");
        refused(Integer.class, "limit", "99999999999");
        refused(BigDecimal.class, "dose", "1,5");
        refused(Status.class, "status", ""); // given, but empty
        assertTrue(refused(Integer.class, "limit", "9".repeat(500)).getMessage().length() < 200, "the value is cut short");
    }

    @Test
    void onlyQueryParametersAndOnlyTypedOnesAreTakenOver() {
        assertNull(converter(String.class, "note"));
        Annotation[] path = {new PathParam() {
            @Override
            public String value() {
                return "trialId";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return PathParam.class;
            }
        }};
        assertNull(converters.getConverter(UUID.class, UUID.class, path), "an unreadable path id stays a 404");
        assertNull(converters.getConverter(UUID.class, UUID.class, new Annotation[0]));
    }
}
