package org.itpump.implant.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImplantRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void surgeryIsBookedInTheFuture() {
        assertDoesNotThrow(() -> ImplantRules.requireFutureStart(OffsetDateTime.parse("2026-11-26T09:00:01Z"), NOW));
        assertThrows(RuleViolationException.class,
                () -> ImplantRules.requireFutureStart(OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), NOW));
        assertThrows(RuleViolationException.class,
                () -> ImplantRules.requireFutureStart(OffsetDateTime.parse("2026-11-25T09:00:00Z"), NOW));
    }

    @Test
    void reservoirVolumeIsThatOfARealPump() {
        assertDoesNotThrow(() -> ImplantRules.requirePlausibleReservoir(new BigDecimal("20")));
        assertDoesNotThrow(() -> ImplantRules.requirePlausibleReservoir(new BigDecimal("40")));
        assertThrows(RuleViolationException.class, () -> ImplantRules.requirePlausibleReservoir(new BigDecimal("40.1")));
        assertThrows(RuleViolationException.class, () -> ImplantRules.requirePlausibleReservoir(BigDecimal.ZERO));
    }
}
