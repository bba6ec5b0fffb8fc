package org.itpump.followup.domain.escalation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/escalation-rules.md is the clinicians' review copy of the rules: it must be exactly what the rules file
 * (and the explant rule) say. Run with {@code -Ditpump.docs.write=true} to regenerate it after changing a rule.
 */
class EscalationRulesDocTest {

    private static final Path DOC = Path.of("..", "docs", "escalation-rules.md");

    @Test
    void theReviewTableMatchesTheRules() throws IOException {
        EscalationRules rules = EscalationRules.loadDefault();
        String expected = EscalationRulesTable.markdown(rules);
        if (Boolean.getBoolean("itpump.docs.write")) {
            Files.writeString(DOC, expected, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(DOC), DOC.toAbsolutePath() + " is missing: run this test with -Ditpump.docs.write=true");
        assertEquals(expected, Files.readString(DOC, StandardCharsets.UTF_8),
                "docs/escalation-rules.md differs from the rules: run EscalationRulesDocTest with -Ditpump.docs.write=true");
    }

    @Test
    void everyRuleIsARowWithItsSource() {
        EscalationRules rules = EscalationRules.loadDefault();
        String table = EscalationRulesTable.markdown(rules);
        for (EscalationRule rule : rules.rules()) {
            assertTrue(table.contains("| " + rule.id() + " | "), rule.id());
            assertTrue(table.contains(rule.source().replace("|", "\\|")), rule.id());
        }
        assertTrue(table.contains("| withdrawal-critical-drug-explant | "));
        assertEquals(rules.rules().size() + 1, table.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| rule |")
                && !l.startsWith("| ---")).count(), "one row per rule plus the explant rule");
    }
}
