package org.itpump.dosing.domain;

import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.chassis.problem.StateConflictException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoseChangeRulesTest {

    private static final DrugLibrary LIBRARY = DrugLibrary.load();
    private static final Drug ZICONOTIDE = LIBRARY.drug("ziconotide");
    private static final Drug BACLOFEN = LIBRARY.drug("baclofen");
    private static final Instant T0 = Instant.parse("2030-03-01T09:00:00Z");

    private static DoseChange change(Duration after, String from, String to) {
        return new DoseChange(T0.plus(after), new BigDecimal(from), new BigDecimal(to));
    }

    private static Duration days(long n) {
        return Duration.ofDays(n);
    }

    private static Duration hours(long n) {
        return Duration.ofHours(n);
    }

    /** Baclofen's rules below are those of spasticity of spinal origin (+30 % per 24 h); other drugs ignore it. */
    private static final Indication SPINAL = Indication.SPASTICITY_OF_SPINAL_ORIGIN;
    private static final Indication CEREBRAL = Indication.SPASTICITY_OF_CEREBRAL_ORIGIN;

    private static void allowed(Drug drug, List<DoseChange> history, DoseChange proposed) {
        allowed(drug, history, proposed, SPINAL);
    }

    private static void allowed(Drug drug, List<DoseChange> history, DoseChange proposed, Indication indication) {
        assertDoesNotThrow(() -> DoseChangeRules.check(drug, history, proposed, null, indication));
    }

    private static String refused(Drug drug, List<DoseChange> history, DoseChange proposed) {
        return refused(drug, history, proposed, SPINAL);
    }

    private static String refused(Drug drug, List<DoseChange> history, DoseChange proposed, Indication indication) {
        return assertThrows(RuleViolationException.class,
                () -> DoseChangeRules.check(drug, history, proposed, null, indication)).getMessage();
    }

    // ziconotide: +2.4 mcg/day per step, 3 increases in any 7 days, at most 19.2 mcg/day

    @Test
    void ziconotideStepOf2point4IsAllowedAnd2point5Refused() {
        allowed(ZICONOTIDE, List.of(), change(days(0), "2.4", "4.8"));
        String message = refused(ZICONOTIDE, List.of(), change(days(0), "2.4", "4.9"));
        assertTrue(message.contains("increase of 2.5 mcg/day exceeds the maximum step of 2.4 mcg/day"), message);
    }

    private static final List<DoseChange> THREE_INCREASES = List.of(
            change(days(0), "1.2", "2.4"), change(days(2), "2.4", "4.8"), change(days(4), "4.8", "7.2"));

    @Test
    void ziconotideFourthIncreaseWithinSevenDaysIsRefused() {
        String message = refused(ZICONOTIDE, THREE_INCREASES, change(days(6), "7.2", "9.6"));
        assertTrue(message.contains("at most 3 times in any 7 days"), message);
        // one second before the first increase leaves the window it still counts
        refused(ZICONOTIDE, THREE_INCREASES, change(days(7).minusSeconds(1), "7.2", "9.6"));
    }

    @Test
    void ziconotideIncreaseOnceSevenDaysHavePassedIsAllowed() {
        allowed(ZICONOTIDE, THREE_INCREASES, change(days(7), "7.2", "9.6"));
        allowed(ZICONOTIDE, THREE_INCREASES, change(days(8), "7.2", "9.6"));
    }

    @Test
    void decreasesAreAlwaysAllowedAndDoNotCountAsIncreases() {
        allowed(ZICONOTIDE, THREE_INCREASES, change(days(5), "7.2", "4.8"));
        List<DoseChange> twoUpOneDown = List.of(change(days(0), "1.2", "2.4"), change(days(1), "2.4", "4.8"),
                change(days(2), "4.8", "2.4"));
        allowed(ZICONOTIDE, twoUpOneDown, change(days(3), "2.4", "4.8"));
    }

    @Test
    void ziconotideAbsoluteMaximumIs19point2() {
        allowed(ZICONOTIDE, List.of(), change(days(0), "16.8", "19.2"));
        String message = refused(ZICONOTIDE, List.of(), change(days(0), "16.9", "19.3"));
        assertTrue(message.contains("19.3 mcg/day exceeds the hard limit of 19.2 mcg/day"), message);
    }

    // baclofen: at most +30 % of the lowest dose in force in the last 24 h

    private static final List<DoseChange> BACLOFEN_AT_100 = List.of(change(days(-3), "80", "100"));

    @Test
    void baclofenPlus30PercentIsAllowedAnd30point01Refused() {
        allowed(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "130"));
        String message = refused(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "130.01"));
        assertTrue(message.contains("130.01 mcg/day is more than 30 % above 100 mcg/day"), message);
        allowed(BACLOFEN, List.of(), change(days(0), "200", "260"));
    }

    @Test
    void baclofenDecreaseIsAllowed() {
        allowed(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "50"));
        allowed(BACLOFEN, List.of(change(hours(-1), "100", "130")), change(days(0), "130", "20"));
    }

    @Test
    void baclofenSecondIncreaseWithin24HoursIsRefused() {
        // issue 12: at most one step per 24 h (was: steps within 24 h may add up to 30 %)
        List<DoseChange> plus20 = List.of(change(hours(-48), "80", "100"), change(hours(-12), "100", "120"));
        String message = refused(BACLOFEN, plus20, change(days(0), "120", "130"));
        assertTrue(message.contains("at most once every 24 h"), message);
        allowed(BACLOFEN, plus20, change(hours(12), "120", "130"));   // 24 h after the last increase, +30 % of 100
        refused(BACLOFEN, plus20, change(hours(12), "120", "156.01")); // above 30 % of the lowest in the last 24 h
    }

    @Test
    void ziconotideThreeIncreasesWithinAnHourTheSecondIsRefused() {
        // PRIALT-PI: increases at least 24 h apart
        List<DoseChange> first = List.of(change(Duration.ZERO, "1.2", "2.4"));
        String message = refused(ZICONOTIDE, first, change(Duration.ofMinutes(30), "2.4", "3.6"));
        assertTrue(message.contains("ziconotide dose may be increased at most once every 24 h"), message);
        refused(ZICONOTIDE, first, change(Duration.ofMinutes(60), "2.4", "3.6"));
        refused(ZICONOTIDE, first, change(hours(24).minusSeconds(1), "2.4", "3.6"));
        allowed(ZICONOTIDE, first, change(hours(24), "2.4", "3.6"));
    }

    @Test
    void theFirstIncreaseWaits24HoursFromTheStart() {
        assertThrows(RuleViolationException.class,
                () -> DoseChangeRules.check(BACLOFEN, List.of(), change(hours(23), "100", "110"), T0, SPINAL));
        assertDoesNotThrow(() -> DoseChangeRules.check(BACLOFEN, List.of(), change(hours(24), "100", "110"), T0, SPINAL));
        assertDoesNotThrow(() -> DoseChangeRules.check(LIBRARY.drug("morphine"), List.of(), change(hours(1), "1", "2"), T0),
                "morphine has no interval rule");
    }

    @Test
    void baclofenChangeExactly24HoursAgoIsTheDoseInForceThen() {
        allowed(BACLOFEN, List.of(change(hours(-24), "100", "120")), change(days(0), "120", "156"));
        refused(BACLOFEN, List.of(change(hours(-24).plusSeconds(1), "100", "120")), change(days(0), "120", "156"));
    }

    @Test
    void baclofenAfterADecreaseIsMeasuredFromTheLowerDose() {
        // 100 a day ago, lowered to 80: the next increase is held to 80 x 1.3 = 104
        List<DoseChange> lowered = List.of(change(hours(-48), "90", "100"), change(hours(-12), "100", "80"));
        allowed(BACLOFEN, lowered, change(days(0), "80", "104"));
        refused(BACLOFEN, lowered, change(days(0), "80", "105"));
    }

    // baclofen by indication (LIORESAL-PI / GABLOFEN-PI maintenance titration): spinal origin 10-30 %, cerebral
    // origin 5-15 % per 24 h; the ceiling is enforced, one step per 24 h and none in the first 24 h as above

    @Test
    void baclofenForSpasticityOfCerebralOriginRisesAtMost15PercentPer24Hours() {
        // 100 mcg/day in force for 3 days: 100 x 1.15 = 115 is the most; 115.01 is refused
        allowed(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "115"), CEREBRAL);
        String message = refused(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "115.01"), CEREBRAL);
        assertTrue(message.contains("115.01 mcg/day is more than 15 % above 100 mcg/day"), message);
        // the +30 % a spinal origin allows (100 -> 130) is refused for a cerebral origin
        refused(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "130"), CEREBRAL);
        allowed(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "130"), SPINAL);
        // and one step per 24 h holds for both: +10 % 12 h after a +10 % step is refused
        List<DoseChange> stepped = List.of(change(hours(-48), "90", "100"), change(hours(-12), "100", "110"));
        assertTrue(refused(BACLOFEN, stepped, change(days(0), "110", "111"), CEREBRAL).contains("at most once every 24 h"));
    }

    @Test
    void aBaclofenChangeWithoutItsIndicationIsRefusedNamingBoth() {
        String message = refused(BACLOFEN, BACLOFEN_AT_100, change(days(0), "100", "110"), null);
        assertTrue(message.contains("A baclofen program needs its indication"), message);
        assertTrue(message.contains("SPASTICITY_OF_SPINAL_ORIGIN (at most +30 % per 24 h) or "
                + "SPASTICITY_OF_CEREBRAL_ORIGIN (at most +15 % per 24 h)"), message);
        assertThrows(RuleViolationException.class, () -> BACLOFEN.requireIndication(null));
        assertDoesNotThrow(() -> BACLOFEN.requireIndication(CEREBRAL));
        assertDoesNotThrow(() -> LIBRARY.drug("morphine").requireIndication(null), "morphine's rules do not depend on it");
        assertDoesNotThrow(() -> ZICONOTIDE.requireIndication(null), "nor do ziconotide's");
    }

    @Test
    void drugsWithoutATitrationRuleKeepTheirHardMaximum() {
        Drug morphine = LIBRARY.drug("morphine");
        allowed(morphine, List.of(), change(days(0), "1", "15"));
        refused(morphine, List.of(), change(days(0), "1", "15.01"));
    }

    @Test
    void aProposalMustStartFromTheDoseInForce() {
        assertThrows(StateConflictException.class,
                () -> DoseChangeRules.check(BACLOFEN, BACLOFEN_AT_100, change(days(0), "90", "100"), null, SPINAL));
        assertThrows(IllegalArgumentException.class,
                () -> DoseChangeRules.check(BACLOFEN, BACLOFEN_AT_100, change(days(-4), "100", "110"), null, SPINAL));
        assertThrows(IllegalArgumentException.class, () -> change(days(0), "0", "10"));
    }
}
