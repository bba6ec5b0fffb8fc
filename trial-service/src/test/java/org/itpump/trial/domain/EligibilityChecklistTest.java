package org.itpump.trial.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EligibilityChecklistTest {

    @Test
    void anEmptyChecklistMissesEveryItem() {
        assertEquals(List.of(EligibilityItem.values()), new EligibilityChecklist(Set.of()).missing());
    }

    @Test
    void eachSingleMissingItemRefusesTheStartAndIsNamed() {
        for (EligibilityItem absent : EligibilityItem.values()) {
            EnumSet<EligibilityItem> documented = EnumSet.complementOf(EnumSet.of(absent));
            var refused = assertThrows(RuleViolationException.class,
                    () -> new EligibilityChecklist(documented).requireComplete());
            assertEquals(List.of("missing: " + absent), refused.details());
        }
    }

    @Test
    void aCompleteChecklistLetsTheTrialStart() {
        assertDoesNotThrow(() -> new EligibilityChecklist(EnumSet.allOf(EligibilityItem.class)).requireComplete());
    }
}
