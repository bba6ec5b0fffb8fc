package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The validation of a rule file: a broken file is refused whole, naming every fault. */
class EscalationRulesFileTest {

    private static final String THEN = "\"then\": {\"urgency\": \"URGENT\", \"suspicion\": \"s\", \"action\": \"a\"}";

    private static EscalationRules load(String json) {
        return EscalationRules.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    private static String file(String... rules) {
        return "{\"version\": 2, \"rules\": [" + String.join(",", rules) + "]}";
    }

    private static String rule(String id, String when) {
        return "{\"id\": \"" + id + "\", \"when\": " + when + ", " + THEN + ", \"why\": \"w\", \"source\": \"src\"}";
    }

    private static InvalidEscalationRulesException refused(String json) {
        return assertThrows(InvalidEscalationRulesException.class, () -> load(json));
    }

    private static void assertProblem(String expectedPart, InvalidEscalationRulesException e) {
        assertTrue(e.problems().stream().anyMatch(p -> p.contains(expectedPart)), e.problems().toString());
        assertTrue(e.getMessage().startsWith("Escalation rules test.json are invalid: "), e.getMessage());
    }

    @Test
    void aValidFileLoadsAndEvaluates() {
        EscalationRules rules = load(file(
                rule("late", "{\"kinds\": [\"BLEEDING\"]}"),
                "{\"id\": \"first\", \"when\": {\"minSeverity\": \"SEVERE\"}, \"then\": {\"urgency\": \"EMERGENCY\","
                        + " \"suspicion\": \"s\", \"action\": \"a\"}, \"why\": \"w\", \"source\": \"src\"}"));
        assertEquals(2, rules.rules().size());
        ComplicationReport report = new ComplicationReport(ComplicationKind.BLEEDING, Severity.SEVERE, Instant.EPOCH, Set.of());
        assertEquals(List.of(new Escalation("first", Urgency.EMERGENCY, "s", "a"), new Escalation("late", Urgency.URGENT, "s", "a")),
                rules.evaluate(report), "most urgent first, whatever the file order");
        assertEquals(List.of(), rules.evaluate(new ComplicationReport(ComplicationKind.INFECTION, Severity.MILD, Instant.EPOCH,
                Set.of(ClinicalFeature.FEVER))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown kind           | {"kinds": ["HEADACHE"]}                                  | HEADACHE
            unknown feature        | {"allFeatures": ["FEVERISH"]}                            | FEVERISH
            misspelt field         | {"minSeverty": "SEVERE"}                                 | minSeverty
            number for a severity  | {"minSeverity": 2}                                       | Severity
            lower-case severity    | {"minSeverity": "severe"}                                | severe
            no condition           | {}                                                       | states no condition
            empty list             | {"kinds": []}                                            | leave it out
            repeated value         | {"kinds": ["BLEEDING", "BLEEDING"]}                      | lists a value twice
            null in a list         | {"anyFeatures": ["FEVER", null]}                         | contains null
            required and excluded  | {"allFeatures": ["FEVER"], "noneFeatures": ["FEVER"]}    | both required and excluded
            every any excluded     | {"anyFeatures": ["FEVER"], "noneFeatures": ["FEVER"]}    | every anyFeatures entry is excluded
            duplicate key          | {"kinds": ["BLEEDING"], "kinds": ["INFECTION"]}          | Duplicate field
            """)
    void aBrokenConditionIsRefused(String name, String when, String expectedPart) {
        assertProblem(expectedPart, refused(file(rule("r", when))));
    }

    @Test
    void aBrokenRuleIsRefused() {
        String when = "\"when\": {\"kinds\": [\"BLEEDING\"]}";
        assertProblem("why (the clinical reasoning) is missing", refused(file("{\"id\": \"r\", " + when + ", " + THEN + "}")));
        assertProblem("why (the clinical reasoning) is missing",
                refused(file("{\"id\": \"r\", " + when + ", " + THEN + ", \"why\": \"  \"}")));
        assertProblem("when is missing", refused(file("{\"id\": \"r\", " + THEN + ", \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("then is missing", refused(file("{\"id\": \"r\", " + when + ", \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("urgency is missing", refused(file("{\"id\": \"r\", " + when
                + ", \"then\": {\"suspicion\": \"s\", \"action\": \"a\"}, \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("URGENTISH", refused(file("{\"id\": \"r\", " + when
                + ", \"then\": {\"urgency\": \"URGENTISH\", \"suspicion\": \"s\", \"action\": \"a\"}, \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("suspicion is missing or blank", refused(file("{\"id\": \"r\", " + when
                + ", \"then\": {\"urgency\": \"URGENT\", \"suspicion\": \"\", \"action\": \"a\"}, \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("action is missing or blank", refused(file("{\"id\": \"r\", " + when
                + ", \"then\": {\"urgency\": \"URGENT\", \"suspicion\": \"s\"}, \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("id must be lower-case words", refused(file(rule("Bad Id", "{\"kinds\": [\"BLEEDING\"]}"))));
        assertProblem("id must be lower-case words", refused(file("{" + when + ", " + THEN + ", \"why\": \"w\", \"source\": \"src\"}")));
        assertProblem("rules[1]", refused(file(rule("r", "{\"kinds\": [\"BLEEDING\"]}"), "null")));
    }

    @Test
    void duplicateIdsAreRefused() {
        assertProblem("rules[1] (same): duplicate id", refused(file(rule("same", "{\"kinds\": [\"BLEEDING\"]}"),
                rule("same", "{\"kinds\": [\"INFECTION\"]}"))));
    }

    @Test
    void aBrokenFileIsRefused() {
        assertProblem("version must be 2, was 1", refused("{\"version\": 1, \"rules\": [" + rule("r", "{\"kinds\": [\"BLEEDING\"]}") + "]}"));
        assertProblem("version must be 2, was null", refused("{\"rules\": [" + rule("r", "{\"kinds\": [\"BLEEDING\"]}") + "]}"));
        assertProblem("at least one rule", refused(file()));
        assertProblem("at least one rule", refused("{\"version\": 2}"));
        assertProblem("JSON null", refused("null"));
        assertProblem("line", refused("{\"version\": 2, \"rules\": ["));
        assertProblem("No content", refused(""));
        assertProblem("Trailing token", refused(file(rule("r", "{\"kinds\": [\"BLEEDING\"]}")) + " {}"));
        assertProblem("comment", refused("{\"version\": 2, \"comment\": \"x\", \"rules\": []}"));
    }

    @Test
    void everyFaultIsListedAtOnce() {
        InvalidEscalationRulesException e = refused("{\"version\": 3, \"rules\": [" + rule("a", "{}") + ", "
                + rule("a", "{\"kinds\": [\"BLEEDING\"], \"noneFeatures\": []}") + "]}");
        assertEquals(List.of("version must be 2, was 3",
                "rules[0] (a).when: states no condition, so it would escalate every report",
                "rules[1] (a): duplicate id",
                "rules[1] (a).when.noneFeatures is empty: leave it out to state no condition"), e.problems());
    }

    // ---- issue 13: source, severity-dependent urgency, drug condition, MRI advice, re-alert interval ----

    @Test
    void everyRuleNamesItsSource() {
        String when = "\"when\": {\"kinds\": [\"BLEEDING\"]}";
        assertProblem("rules[0] (r): source (the literature or labeling the rule rests on) is missing or blank",
                refused(file("{\"id\": \"r\", " + when + ", " + THEN + ", \"why\": \"w\"}")));
        assertProblem("source (the literature or labeling the rule rests on) is missing or blank",
                refused(file("{\"id\": \"r\", " + when + ", " + THEN + ", \"why\": \"w\", \"source\": \" \"}")));
        assertEquals("src", load(file(rule("r", "{\"kinds\": [\"BLEEDING\"]}"))).rules().get(0).source());
    }

    private static String ruleThen(String then) {
        return "{\"id\": \"r\", \"when\": {\"kinds\": [\"BLEEDING\"]}, \"then\": " + then
                + ", \"why\": \"w\", \"source\": \"src\"}";
    }

    @Test
    void severityChangesTheUrgencyWhereTheRuleSaysSo() {
        EscalationRules rules = load(file(ruleThen("{\"urgency\": \"ROUTINE\", \"urgencyBySeverity\": {\"SEVERE\": \"EMERGENCY\","
                + " \"MODERATE\": \"URGENT\"}, \"suspicion\": \"s\", \"action\": \"a\"}")));
        assertEquals(Urgency.ROUTINE, rules.evaluate(report(Severity.MILD)).get(0).urgency());
        assertEquals(Urgency.URGENT, rules.evaluate(report(Severity.MODERATE)).get(0).urgency());
        assertEquals(Urgency.EMERGENCY, rules.evaluate(report(Severity.SEVERE)).get(0).urgency());
        // the re-alert interval follows the rule's urgency default unless set: ROUTINE daily
        assertEquals(java.time.Duration.ofHours(24), rules.evaluate(report(Severity.SEVERE)).get(0).reAlertEvery());
        assertProblem("urgencyBySeverity is empty", refused(file(ruleThen(
                "{\"urgency\": \"URGENT\", \"urgencyBySeverity\": {}, \"suspicion\": \"s\", \"action\": \"a\"}"))));
        assertProblem("urgencyBySeverity.SEVERE repeats the rule's urgency", refused(file(ruleThen(
                "{\"urgency\": \"URGENT\", \"urgencyBySeverity\": {\"SEVERE\": \"URGENT\"}, \"suspicion\": \"s\", \"action\": \"a\"}"))));
        assertProblem("GRAVE", refused(file(ruleThen(
                "{\"urgency\": \"URGENT\", \"urgencyBySeverity\": {\"GRAVE\": \"EMERGENCY\"}, \"suspicion\": \"s\", \"action\": \"a\"}"))));
    }

    @Test
    void aRuleSetsItsOwnReAlertIntervalWithinADay() {
        EscalationRules rules = load(file(ruleThen(
                "{\"urgency\": \"EMERGENCY\", \"suspicion\": \"s\", \"action\": \"a\", \"reAlertEveryMinutes\": 2}")));
        assertEquals(java.time.Duration.ofMinutes(2), rules.evaluate(report(Severity.MILD)).get(0).reAlertEvery());
        assertProblem("reAlertEveryMinutes must be 1 to 1440, was 0", refused(file(ruleThen(
                "{\"urgency\": \"URGENT\", \"suspicion\": \"s\", \"action\": \"a\", \"reAlertEveryMinutes\": 0}"))));
        assertProblem("reAlertEveryMinutes must be 1 to 1440, was 1441", refused(file(ruleThen(
                "{\"urgency\": \"URGENT\", \"suspicion\": \"s\", \"action\": \"a\", \"reAlertEveryMinutes\": 1441}"))));
    }

    @Test
    void aDrugConditionMatchesOnlyThePumpsKnownDrug() {
        EscalationRules rules = load(file(rule("r", "{\"kinds\": [\"BLEEDING\"], \"drugs\": [\"baclofen\"]}")));
        var mri = org.itpump.followup.domain.device.MriAdvice.forModel(null, null);
        assertEquals(1, rules.evaluate(report(Severity.MILD), new EscalationContext("Baclofen", null, mri)).size());
        assertEquals(0, rules.evaluate(report(Severity.MILD), new EscalationContext("morphine", null, mri)).size());
        assertEquals(0, rules.evaluate(report(Severity.MILD), new EscalationContext(null, null, mri)).size(), "drug unknown");
        assertProblem("a drug is a lower-case dosing-service code", refused(file(rule("r",
                "{\"kinds\": [\"BLEEDING\"], \"drugs\": [\"Baclofen\"]}"))));
        assertProblem("states no condition", refused(file(rule("r", "{\"drugs\": [\"baclofen\"]}"))));
    }

    @Test
    void anMriRuleAddsThePumpModelsAdvice() {
        EscalationRules rules = load(file(ruleThen("{\"urgency\": \"URGENT\", \"suspicion\": \"s\", \"action\": \"Scan.\", \"mri\": true}")));
        String prometra = rules.evaluate(report(Severity.MILD), new EscalationContext(null, "Prometra II",
                org.itpump.followup.domain.device.MriAdvice.forModel("Flowonix", "Prometra II"))).get(0).action();
        assertTrue(prometra.startsWith("Scan. MRI with this pump (Prometra II): before the scan: Empty the pump reservoir"), prometra);
        assertEquals("Scan.", rules.evaluate(report(Severity.MILD)).get(0).action().substring(0, 5));
    }

    private static ComplicationReport report(Severity severity) {
        return new ComplicationReport(ComplicationKind.BLEEDING, severity, Instant.EPOCH, Set.of());
    }
}
