package org.itpump.trial.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One post-dose pain assessment of a trial.
 *
 * @param nrs              pain on the numeric rating scale, 0-10
 * @param minutesSinceDose minutes since the trial dose was given
 * @param oralMmePerDay    oral opioid use, morphine milligram equivalents per day
 * @param functionScore    optional function score 0-100, or null
 */
public record PainAssessment(UUID id, UUID trialId, int nrs, int minutesSinceDose, BigDecimal oralMmePerDay,
                             Integer functionScore, OffsetDateTime assessedAt) {
}
