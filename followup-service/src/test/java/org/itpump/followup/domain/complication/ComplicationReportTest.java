package org.itpump.followup.domain.complication;

import org.itpump.chassis.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComplicationReportTest {

    private static final Instant IMPLANT = Instant.parse("2026-03-20T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-25T12:00:00Z");

    @Test
    void theKindsAreTheSeedsSevenThenWhatCanKillAfterAnImplantOrARefill() {
        assertEquals(List.of("INFECTION", "BLEEDING", "SWELLING_AT_SITE", "DIFFICULTY_URINATING", "FLUID_AROUND_PUMP",
                        "SEVERE_HEADACHE", "INCREASED_PAIN_OR_WEAKNESS", "OVER_SEDATION", "WITHDRAWAL_SYMPTOMS"),
                Arrays.stream(ComplicationKind.values()).map(Enum::name).toList());
        assertEquals(List.of("Infection", "Bleeding", "Swelling at the surgical site", "Difficulty urinating",
                        "Accumulation of fluid around the pump", "Consistent and severe headache", "Increased pain or weakness"),
                Arrays.stream(ComplicationKind.values()).limit(7).map(ComplicationKind::seedWording).toList());
    }

    @Test
    void severityIsOrderedMildToSevere() {
        assertTrue(Severity.SEVERE.isAtLeast(Severity.MODERATE));
        assertTrue(Severity.MODERATE.isAtLeast(Severity.MODERATE));
        assertFalse(Severity.MILD.isAtLeast(Severity.MODERATE));
    }

    @Test
    void onsetFromTheImplantUpToNowIsAccepted() {
        assertEquals(IMPLANT, report(IMPLANT).onsetAt());
        assertEquals(NOW, report(NOW).onsetAt());
    }

    @Test
    void onsetBeforeTheImplantIsRefused() {
        var refused = assertThrows(RuleViolationException.class, () -> report(IMPLANT.minusSeconds(1)));
        assertTrue(refused.getMessage().contains("before the implant procedure ended"), refused.getMessage());
    }

    @Test
    void onsetInTheFutureIsRefused() {
        var refused = assertThrows(RuleViolationException.class, () -> report(NOW.plusSeconds(1)));
        assertTrue(refused.getMessage().contains("in the future"), refused.getMessage());
    }

    @Test
    void featuresAreAnImmutableCopy() {
        Set<ClinicalFeature> features = new HashSet<>(Set.of(ClinicalFeature.FEVER));
        ComplicationReport report = ComplicationReport.reported(ComplicationKind.INFECTION, Severity.MODERATE, NOW,
                features, IMPLANT, NOW);
        features.add(ClinicalFeature.WOUND_DRAINAGE);
        assertEquals(Set.of(ClinicalFeature.FEVER), report.features());
        assertTrue(report.has(ClinicalFeature.FEVER));
        assertThrows(UnsupportedOperationException.class, () -> report.features().add(ClinicalFeature.REDNESS));
        assertEquals(Set.of(), new ComplicationReport(ComplicationKind.BLEEDING, Severity.MILD, NOW, Set.of()).features());
    }

    @Test
    void aReportIsComplete() {
        assertThrows(NullPointerException.class,
                () -> new ComplicationReport(ComplicationKind.BLEEDING, null, NOW, Set.of()));
        assertThrows(NullPointerException.class,
                () -> new ComplicationReport(null, Severity.MILD, NOW, Set.of()));
    }

    private static ComplicationReport report(Instant onset) {
        return ComplicationReport.reported(ComplicationKind.BLEEDING, Severity.MILD, onset, Set.of(), IMPLANT, NOW);
    }
}
