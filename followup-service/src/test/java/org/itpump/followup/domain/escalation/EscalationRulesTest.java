package org.itpump.followup.domain.escalation;

import org.itpump.followup.domain.complication.ClinicalFeature;
import org.itpump.followup.domain.complication.ComplicationKind;
import org.itpump.followup.domain.complication.ComplicationReport;
import org.itpump.followup.domain.complication.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.itpump.followup.domain.complication.ClinicalFeature.ALTERED_MENTAL_STATE;
import static org.itpump.followup.domain.complication.ClinicalFeature.BOWEL_OR_BLADDER_CHANGE;
import static org.itpump.followup.domain.complication.ClinicalFeature.EXCESSIVE_SEDATION;
import static org.itpump.followup.domain.complication.ClinicalFeature.ITCHING;
import static org.itpump.followup.domain.complication.ClinicalFeature.REBOUND_SPASTICITY;
import static org.itpump.followup.domain.complication.ClinicalFeature.SLOW_OR_SHALLOW_BREATHING;
import static org.itpump.followup.domain.complication.ComplicationKind.OVER_SEDATION;
import static org.itpump.followup.domain.complication.ComplicationKind.WITHDRAWAL_SYMPTOMS;
import org.itpump.followup.domain.device.MriAdvice;
import static org.itpump.followup.domain.complication.ClinicalFeature.FEVER;
import static org.itpump.followup.domain.complication.ClinicalFeature.NECK_STIFFNESS;
import static org.itpump.followup.domain.complication.ClinicalFeature.NEW_NUMBNESS;
import static org.itpump.followup.domain.complication.ClinicalFeature.NEW_WEAKNESS;
import static org.itpump.followup.domain.complication.ClinicalFeature.POSTURAL_HEADACHE;
import static org.itpump.followup.domain.complication.ClinicalFeature.REDNESS;
import static org.itpump.followup.domain.complication.ClinicalFeature.WOUND_DRAINAGE;
import static org.itpump.followup.domain.complication.ComplicationKind.BLEEDING;
import static org.itpump.followup.domain.complication.ComplicationKind.DIFFICULTY_URINATING;
import static org.itpump.followup.domain.complication.ComplicationKind.FLUID_AROUND_PUMP;
import static org.itpump.followup.domain.complication.ComplicationKind.INCREASED_PAIN_OR_WEAKNESS;
import static org.itpump.followup.domain.complication.ComplicationKind.INFECTION;
import static org.itpump.followup.domain.complication.ComplicationKind.SEVERE_HEADACHE;
import static org.itpump.followup.domain.complication.ComplicationKind.SWELLING_AT_SITE;
import static org.itpump.followup.domain.complication.Severity.MILD;
import static org.itpump.followup.domain.complication.Severity.MODERATE;
import static org.itpump.followup.domain.complication.Severity.SEVERE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped escalation-rules.json, rule by rule: each has a positive case and a near miss. */
class EscalationRulesTest {

    private static final EscalationRules RULES = EscalationRules.loadDefault();
    private static final Instant ONSET = Instant.parse("2026-03-22T08:00:00Z");

    record Case(String name, ComplicationKind kind, Severity severity, Set<ClinicalFeature> features, List<String> expectedRuleIds,
                String drug) {
        ComplicationReport report() {
            return new ComplicationReport(kind, severity, ONSET, features);
        }

        EscalationContext context() {
            return new EscalationContext(drug, null, MriAdvice.forModel(null, null));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case when(String name, ComplicationKind kind, Severity severity, Set<ClinicalFeature> features, String... ids) {
        return new Case(name, kind, severity, features, List.of(ids), null);
    }

    /** A case on a plan whose pump runs {@code drug} (from dosing events). */
    private static Case withDrug(String drug, String name, ComplicationKind kind, Severity severity, Set<ClinicalFeature> features,
                                 String... ids) {
        return new Case(name, kind, severity, features, List.of(ids), drug);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // catheter-tip granuloma
                when("increased pain with new weakness", INCREASED_PAIN_OR_WEAKNESS, MILD, Set.of(NEW_WEAKNESS),
                        "granuloma-neurological-deficit"),
                when("increased pain with a bladder change", INCREASED_PAIN_OR_WEAKNESS, MODERATE, Set.of(BOWEL_OR_BLADDER_CHANGE),
                        "granuloma-neurological-deficit"),
                when("increased pain with new numbness", INCREASED_PAIN_OR_WEAKNESS, MODERATE, Set.of(NEW_NUMBNESS),
                        "granuloma-neurological-deficit"),
                when("increased pain alone", INCREASED_PAIN_OR_WEAKNESS, SEVERE, Set.of(), "granuloma-increased-pain"),
                when("near miss: increased pain with redness only stays URGENT", INCREASED_PAIN_OR_WEAKNESS, SEVERE, Set.of(REDNESS),
                        "granuloma-increased-pain"),
                when("near miss: new weakness under a swelling report is no granuloma", SWELLING_AT_SITE, MILD, Set.of(NEW_WEAKNESS),
                        "neurological-deficit-other-reports"),
                // a new deficit under any other report
                when("infection with new weakness but no fever", INFECTION, MILD, Set.of(NEW_WEAKNESS),
                        "neurological-deficit-other-reports", "infection-local-signs"),
                when("severe headache with new numbness", SEVERE_HEADACHE, MODERATE, Set.of(NEW_NUMBNESS),
                        "neurological-deficit-other-reports", "csf-leak-severe-headache"),
                when("fluid around the pump with a bowel change", FLUID_AROUND_PUMP, MILD, Set.of(BOWEL_OR_BLADDER_CHANGE),
                        "neurological-deficit-other-reports", "fluid-around-pump"),
                // CSF leak
                when("severe headache", SEVERE_HEADACHE, MILD, Set.of(), "csf-leak-severe-headache"),
                when("severe postural headache: one leak, escalated once", SEVERE_HEADACHE, MODERATE, Set.of(POSTURAL_HEADACHE),
                        "csf-leak-severe-headache"),
                when("postural headache with swelling at the back", SWELLING_AT_SITE, MILD, Set.of(POSTURAL_HEADACHE),
                        "csf-leak-postural-headache"),
                when("near miss: swelling with a stiff neck but no headache nor fever", SWELLING_AT_SITE, MODERATE, Set.of(NECK_STIFFNESS)),
                // meningitis and infection
                when("fever with a severe headache", SEVERE_HEADACHE, SEVERE, Set.of(FEVER),
                        "meningitis-fever-severe-headache", "csf-leak-severe-headache", "infection-fever-or-drainage"),
                when("fever with a postural headache under fluid around the pump", FLUID_AROUND_PUMP, MODERATE, Set.of(FEVER, POSTURAL_HEADACHE),
                        "meningitis-fever-headache-or-stiff-neck", "csf-leak-postural-headache", "infection-fever-or-drainage",
                        "fluid-around-pump"),
                when("fever with a stiff neck under an infection report", INFECTION, MODERATE, Set.of(FEVER, NECK_STIFFNESS),
                        "meningitis-fever-headache-or-stiff-neck", "infection-fever-or-drainage"),
                when("near miss: stiff neck without fever", INFECTION, MODERATE, Set.of(NECK_STIFFNESS), "infection-local-signs"),
                when("fever", SWELLING_AT_SITE, MILD, Set.of(FEVER), "infection-fever-or-drainage"),
                when("wound drainage", INFECTION, MILD, Set.of(WOUND_DRAINAGE, REDNESS), "infection-fever-or-drainage"),
                when("infection with redness only", INFECTION, MODERATE, Set.of(REDNESS), "infection-local-signs"),
                when("near miss: redness under a swelling report", SWELLING_AT_SITE, SEVERE, Set.of(REDNESS)),
                // bleeding
                when("severe bleeding", BLEEDING, SEVERE, Set.of(), "bleeding-severe"),
                when("near miss: moderate bleeding", BLEEDING, MODERATE, Set.of(REDNESS)),
                when("mild bleeding with new numbness", BLEEDING, MILD, Set.of(NEW_NUMBNESS), "bleeding-neurological-deficit"),
                when("severe bleeding with new weakness", BLEEDING, SEVERE, Set.of(NEW_WEAKNESS),
                        "bleeding-neurological-deficit", "bleeding-severe"),
                // fluid around the pump
                when("fluid around the pump", FLUID_AROUND_PUMP, MILD, Set.of(), "fluid-around-pump"),
                when("near miss: swelling at the site is not fluid around the pump", SWELLING_AT_SITE, MODERATE, Set.of()),
                // difficulty urinating
                when("urinary retention with new weakness", DIFFICULTY_URINATING, MODERATE, Set.of(NEW_WEAKNESS),
                        "urinary-retention-neurological-deficit"),
                when("urinary retention with new numbness", DIFFICULTY_URINATING, MILD, Set.of(NEW_NUMBNESS),
                        "urinary-retention-neurological-deficit"),
                when("near miss: severe urinary retention alone", DIFFICULTY_URINATING, SEVERE, Set.of(BOWEL_OR_BLADDER_CHANGE)),
                // severity changes urgency: severe local signs of infection are seen the same day
                when("infection with severe redness", INFECTION, SEVERE, Set.of(REDNESS), "infection-local-signs"),
                // issue 13: opioid overdose (over-sedation, slow or shallow breathing), any severity
                when("over-sedation, mild", OVER_SEDATION, MILD, Set.of(), "opioid-overdose"),
                when("over-sedation with slow breathing: one overdose, escalated once", OVER_SEDATION, SEVERE,
                        Set.of(EXCESSIVE_SEDATION, SLOW_OR_SHALLOW_BREATHING), "opioid-overdose"),
                when("slow breathing reported under fluid around the pump (pocket fill)", FLUID_AROUND_PUMP, MODERATE,
                        Set.of(SLOW_OR_SHALLOW_BREATHING), "opioid-overdose-signs", "fluid-around-pump"),
                when("excessive sedation under increased pain", INCREASED_PAIN_OR_WEAKNESS, MILD, Set.of(EXCESSIVE_SEDATION),
                        "opioid-overdose-signs", "granuloma-increased-pain"),
                // issue 13: baclofen withdrawal
                when("withdrawal symptoms, drug unknown", WITHDRAWAL_SYMPTOMS, MILD, Set.of(ITCHING), "baclofen-withdrawal"),
                withDrug("baclofen", "rebound spasticity on a baclofen pump, reported as increased pain", INCREASED_PAIN_OR_WEAKNESS,
                        MODERATE, Set.of(REBOUND_SPASTICITY), "baclofen-withdrawal-signs", "granuloma-increased-pain"),
                withDrug("baclofen", "fever on a baclofen pump", SWELLING_AT_SITE, MILD, Set.of(FEVER),
                        "baclofen-withdrawal-signs", "infection-fever-or-drainage"),
                withDrug("morphine", "near miss: fever on a morphine pump is an infection only", SWELLING_AT_SITE, MILD, Set.of(FEVER),
                        "infection-fever-or-drainage"),
                when("near miss: rebound spasticity while the drug is unknown", INCREASED_PAIN_OR_WEAKNESS, MODERATE,
                        Set.of(REBOUND_SPASTICITY), "granuloma-increased-pain"),
                when("confusion under a bleeding report", BLEEDING, MILD, Set.of(ALTERED_MENTAL_STATE), "altered-mental-state"),
                withDrug("baclofen", "confusion on a baclofen pump", BLEEDING, MILD, Set.of(ALTERED_MENTAL_STATE),
                        "baclofen-withdrawal-signs", "altered-mental-state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void escalatesAsTheRulesSay(Case c) {
        assertEquals(c.expectedRuleIds(), RULES.evaluate(c.report(), c.context()).stream().map(Escalation::ruleId).toList());
    }

    @Test
    void everyShippedRuleIsExercisedByAPositiveCase() {
        Set<String> exercised = cases().flatMap(c -> c.expectedRuleIds().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(RULES.rules().stream().map(EscalationRule::id).collect(Collectors.toCollection(TreeSet::new)), exercised);
    }

    @Test
    void theIssuesUrgenciesHold() {
        assertEquals(Urgency.EMERGENCY, top(INCREASED_PAIN_OR_WEAKNESS, MILD, Set.of(NEW_WEAKNESS)).urgency());
        assertEquals(Urgency.EMERGENCY, top(INCREASED_PAIN_OR_WEAKNESS, MILD, Set.of(BOWEL_OR_BLADDER_CHANGE)).urgency());
        assertEquals(Urgency.URGENT, top(INCREASED_PAIN_OR_WEAKNESS, SEVERE, Set.of()).urgency());
        assertEquals(Urgency.URGENT, top(SEVERE_HEADACHE, MILD, Set.of()).urgency());
        assertEquals(Urgency.URGENT, top(SWELLING_AT_SITE, MILD, Set.of(POSTURAL_HEADACHE)).urgency());
        assertEquals(Urgency.EMERGENCY, top(SEVERE_HEADACHE, MODERATE, Set.of(FEVER)).urgency());
        assertEquals(Urgency.URGENT, top(INFECTION, MILD, Set.of(FEVER)).urgency());
        assertEquals(Urgency.URGENT, top(SWELLING_AT_SITE, MILD, Set.of(WOUND_DRAINAGE)).urgency());
        assertEquals(Urgency.URGENT, top(BLEEDING, SEVERE, Set.of()).urgency());
        assertEquals(Urgency.URGENT, top(FLUID_AROUND_PUMP, MILD, Set.of()).urgency());
        assertEquals(Urgency.URGENT, top(DIFFICULTY_URINATING, MILD, Set.of(NEW_WEAKNESS)).urgency());
        assertEquals(Urgency.ROUTINE, top(INFECTION, MILD, Set.of(REDNESS)).urgency());
        assertEquals(Urgency.ROUTINE, top(INFECTION, MODERATE, Set.of(REDNESS)).urgency());
        assertEquals(Urgency.URGENT, top(INFECTION, SEVERE, Set.of(REDNESS)).urgency(), "severity raises it");
        // issue 13: what can kill after an implant or a refill is an emergency at any severity
        for (Severity severity : Severity.values()) {
            assertEquals(Urgency.EMERGENCY, top(OVER_SEDATION, severity, Set.of()).urgency());
            assertEquals(Urgency.EMERGENCY, top(FLUID_AROUND_PUMP, severity, Set.of(SLOW_OR_SHALLOW_BREATHING)).urgency());
            assertEquals(Urgency.EMERGENCY, top(WITHDRAWAL_SYMPTOMS, severity, Set.of()).urgency());
        }
        assertEquals(Urgency.EMERGENCY, RULES.evaluate(new ComplicationReport(INCREASED_PAIN_OR_WEAKNESS, MILD, ONSET,
                Set.of(REBOUND_SPASTICITY)), new EscalationContext("baclofen", null, MriAdvice.forModel(null, null))).get(0).urgency());
    }

    @Test
    void overdoseRulesReAlertEveryTwoMinutesAndOthersByTheirUrgency() {
        assertEquals(java.time.Duration.ofMinutes(2), top(OVER_SEDATION, MILD, Set.of()).reAlertEvery());
        assertEquals(java.time.Duration.ofMinutes(5), top(WITHDRAWAL_SYMPTOMS, MILD, Set.of()).reAlertEvery());
        assertEquals(java.time.Duration.ofMinutes(30), top(BLEEDING, SEVERE, Set.of()).reAlertEvery(), "URGENT default");
        assertEquals(java.time.Duration.ofHours(24), top(INFECTION, MILD, Set.of(REDNESS)).reAlertEvery(), "ROUTINE default");
    }

    @Test
    void mriAdviceFollowsThePumpModel() {
        ComplicationReport deficit = new ComplicationReport(INCREASED_PAIN_OR_WEAKNESS, MILD, ONSET, Set.of(NEW_WEAKNESS));
        String prometra = RULES.evaluate(deficit, new EscalationContext(null, "Prometra II",
                MriAdvice.forModel("Flowonix", "Prometra II"))).get(0).action();
        String synchromed = RULES.evaluate(deficit, new EscalationContext(null, "SynchroMed II",
                MriAdvice.forModel("Medtronic", "SynchroMed II"))).get(0).action();
        assertTrue(prometra.contains("Empty the pump reservoir completely before the scan"), prometra);
        assertFalse(prometra.contains("motor"), prometra);
        assertTrue(synchromed.contains("confirm the motor restarted"), synchromed);
        assertFalse(synchromed.contains("Empty the pump reservoir"), synchromed);
        // a rule without MRI gets no MRI advice
        assertFalse(RULES.evaluate(new ComplicationReport(BLEEDING, SEVERE, ONSET, Set.of()), new EscalationContext(null,
                "Prometra II", MriAdvice.forModel("Flowonix", "Prometra II"))).get(0).action().contains("MRI"));
    }

    @Test
    void escalationsCarryTheRulesSuspicionAndAction() {
        Escalation granuloma = top(INCREASED_PAIN_OR_WEAKNESS, MILD, Set.of(NEW_WEAKNESS));
        assertEquals("granuloma-neurological-deficit", granuloma.ruleId());
        assertEquals("Possible catheter-tip granuloma (inflammatory mass) compressing the spinal cord", granuloma.suspicion());
        assertFalse(granuloma.action().isBlank());
        assertEquals("Possible meningitis", top(SEVERE_HEADACHE, SEVERE, Set.of(FEVER)).suspicion());
        assertEquals("Seroma, or CSF leaking into the pump pocket (CSF hygroma)", top(FLUID_AROUND_PUMP, MILD, Set.of()).suspicion());
    }

    @Test
    void everyRuleExplainsItself() {
        for (EscalationRule rule : RULES.rules()) {
            assertFalse(rule.why().isBlank(), rule.id());
            assertFalse(rule.source().isBlank(), rule.id());
        }
        assertEquals(18, RULES.rules().size());
    }

    @Test
    void everyKindOfReportMeetsSomeRuleWithTheRightFindings() {
        // no kind is a blind spot: each escalates at least when accompanied by fever
        for (ComplicationKind kind : ComplicationKind.values()) {
            assertFalse(RULES.evaluate(new ComplicationReport(kind, SEVERE, ONSET, Set.of(FEVER))).isEmpty(), kind.name());
        }
        assertEquals(9, Arrays.stream(ComplicationKind.values()).count());
    }

    private static Escalation top(ComplicationKind kind, Severity severity, Set<ClinicalFeature> features) {
        return RULES.evaluate(new ComplicationReport(kind, severity, ONSET, features)).get(0);
    }
}
