package org.itpump.trial.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.problem.RuleViolationException;
import org.itpump.trial.domain.DoseCheck;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.ReliefDecision;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;
import org.itpump.trial.messaging.TrialEvents;
import org.itpump.trial.store.CandidateEntity;
import org.itpump.trial.store.CandidateRepository;
import org.itpump.trial.store.PainAssessmentEntity;
import org.itpump.trial.store.PainAssessmentRepository;
import org.itpump.trial.store.TrialEntity;
import org.itpump.trial.store.TrialRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Candidate and trial use cases: each change and the events it causes commit in one transaction (outbox). */
@ApplicationScoped
public class TrialService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TrialService.class);

    public record TrialWithAssessments(TrialEntity trial, List<PainAssessmentEntity> assessments) {
    }

    public record TrialOrder(UUID candidateId, TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit,
                             int baselineNrs) {
    }

    public record Assessment(int nrs, int minutesSinceDose, BigDecimal oralMmePerDay, Integer functionScore,
                             OffsetDateTime assessedAt) {
    }

    private final CandidateRepository candidates;
    private final TrialRepository trials;
    private final PainAssessmentRepository assessments;
    private final Outbox outbox;
    private final Clock clock;
    private final BigDecimal thresholdPercent;

    TrialService(CandidateRepository candidates, TrialRepository trials, PainAssessmentRepository assessments,
                 Outbox outbox, Clock clock,
                 @ConfigProperty(name = "itpump.trial.relief-threshold-percent") BigDecimal thresholdPercent) {
        this.candidates = candidates;
        this.trials = trials;
        this.assessments = assessments;
        this.outbox = outbox;
        this.clock = clock;
        this.thresholdPercent = thresholdPercent;
    }

    @WithTransaction
    public Uni<CandidateEntity> registerCandidate(String patientRef, Indication indication) {
        CandidateEntity candidate = new CandidateEntity();
        candidate.id = UUID.randomUUID();
        candidate.patientRef = patientRef;
        candidate.indication = indication;
        candidate.eligibility = EnumSet.noneOf(EligibilityItem.class);
        candidate.createdAt = now();
        return candidates.persist(candidate);
    }

    /** Replaces the documented checklist items (what the clinician has ticked so far). */
    @WithTransaction
    public Uni<CandidateEntity> documentEligibility(UUID candidateId, Set<EligibilityItem> documented) {
        return candidates.require(candidateId).invoke(candidate -> candidate.eligibility =
                documented.isEmpty() ? EnumSet.noneOf(EligibilityItem.class) : EnumSet.copyOf(documented));
    }

    @WithSession
    public Uni<CandidateEntity> findCandidate(UUID candidateId) {
        return candidates.require(candidateId);
    }

    /** Starts a trial for an eligible candidate and mints the pathway id every later event carries. */
    @WithTransaction
    public Uni<TrialEntity> start(TrialOrder order) {
        return candidates.require(order.candidateId()).chain(candidate -> {
            candidate.checklist().requireComplete();
            ReliefDecision.requireMeasurableBaseline(order.baselineNrs());
            TrialEntity trial = new TrialEntity();
            trial.id = UUID.randomUUID();
            trial.pathwayId = UUID.randomUUID();
            trial.candidateId = candidate.id;
            trial.patientRef = candidate.patientRef;
            trial.indication = candidate.indication;
            trial.trialType = order.trialType();
            trial.drug = order.drug();
            trial.dose = order.dose();
            trial.doseUnit = order.doseUnit();
            trial.baselineNrs = order.baselineNrs();
            trial.status = TrialStatus.IN_PROGRESS;
            trial.startedAt = now();
            trial.windowEndsAt = trial.startedAt.plus(order.trialType().window());
            return trials.persist(trial).call(() -> outbox.append(TrialEvents.started(trial)));
        });
    }

    @WithTransaction
    public Uni<PainAssessmentEntity> recordAssessment(UUID trialId, Assessment recorded) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            trial.status.requireInProgress("record an assessment");
            OffsetDateTime assessedAt = recorded.assessedAt() == null ? now()
                    : recorded.assessedAt().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            trial.window().requireAssessable(assessedAt.toInstant(), clock.instant());
            PainAssessmentEntity assessment = new PainAssessmentEntity();
            assessment.id = UUID.randomUUID();
            assessment.trialId = trial.id;
            assessment.nrs = recorded.nrs();
            assessment.minutesSinceDose = recorded.minutesSinceDose();
            assessment.oralMmePerDay = recorded.oralMmePerDay();
            assessment.functionScore = recorded.functionScore();
            assessment.assessedAt = assessedAt;
            return assessments.persist(assessment)
                    .call(() -> outbox.append(TrialEvents.assessmentRecorded(trial, assessment)));
        });
    }

    /** Decides the trial from its post-dose assessments; emits trial.passed or trial.failed. */
    @WithTransaction
    public Uni<TrialWithAssessments> decide(UUID trialId) {
        // Locked: an assessment recorded concurrently commits before this reads them, or finds the trial decided.
        return trials.requireForUpdate(trialId).chain(trial -> assessments.ofTrial(trialId).chain(recorded -> {
            trial.status.requireInProgress("decide the trial");
            trial.doseHold().requireNotHeld(trial.status, "decide the trial");
            ReliefDecision decision = ReliefDecision.decide(trial.baselineNrs,
                    recorded.stream().map(a -> a.nrs).toList(), thresholdPercent);
            trial.status = trial.status.transitionTo(decision.outcome());
            trial.decidedAt = now();
            trial.decisionPassed = decision.passed();
            trial.reliefPercent = decision.reliefPercent();
            trial.meanAssessedNrs = decision.meanAssessedNrs();
            trial.thresholdPercent = decision.thresholdPercent();
            return outbox.append(TrialEvents.decided(trial, decision))
                    .replaceWith(new TrialWithAssessments(trial, recorded));
        }));
    }

    /**
     * Records dosing-service's check of the trial's dose (dosing.trial-dose-checked), in the consumer's transaction.
     * A HARD finding holds an undecided trial (no decision until an override); a check of a decided or cancelled
     * trial is kept and shown only. The first check of a trial is kept (dosing-service checks each trial.started
     * once; a redelivery is dropped by the inbox). A check for an unknown trial is held (AwaitingStateException);
     * one whose pathway differs from the trial's is refused (dead-lettered).
     */
    public Uni<Void> recordDoseCheck(UUID trialId, UUID pathwayId, DoseCheck check) {
        return trials.findForUpdate(trialId).chain(trial -> {
            if (trial == null) {
                throw new AwaitingStateException("no trial " + trialId + " (its trial.started is not this service's yet)");
            }
            if (!trial.pathwayId.equals(pathwayId)) {
                throw new RuleViolationException("The dose check names pathway " + pathwayId + " but trial " + trialId
                        + " belongs to pathway " + trial.pathwayId);
            }
            if (trial.doseCheckedAt != null) {
                LOG.infof("Trial %s already has its dose check (library v%d); a later one is ignored", trialId,
                        trial.doseCheckLibraryVersion);
                return Uni.createFrom().voidItem();
            }
            trial.doseCheckLibraryVersion = check.libraryVersion();
            trial.doseCheckWithinLimits = check.withinLimits();
            trial.doseCheckFindings = check.findings();
            trial.doseCheckedAt = now();
            if (trial.doseHold().holds(trial.status)) {
                LOG.warnf("Trial %s is on hold (%s): %d hard dose finding(s) of drug library v%d", trialId,
                        DoseHold.RULE, check.hardFindings().size(), check.libraryVersion());
            }
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * Releases the hold of a HARD dose finding with the clinician's reason; the clinician comes from the caller's
     * token. Emits trial.dose-override-recorded. 409 when the trial is not held, 422 without a reason.
     */
    @WithTransaction
    public Uni<TrialWithAssessments> recordDoseOverride(UUID trialId, String reason, String clinician) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            DoseHold.DoseOverride override = trial.doseHold().overrideWith(trial.status, reason, clinician, now());
            trial.doseOverrideReason = override.reason();
            trial.doseOverrideBy = override.by();
            trial.doseOverrideAt = override.recordedAt();
            return outbox.append(TrialEvents.doseOverrideRecorded(trial))
                    .chain(() -> assessments.ofTrial(trialId))
                    .map(recorded -> new TrialWithAssessments(trial, recorded));
        });
    }

    /** Cancels an open or passed trial (an open implant case then closes); emits trial.cancelled. */
    @WithTransaction
    public Uni<TrialEntity> cancel(UUID trialId, CancellationReason reason, String note) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            TrialStatus previous = trial.status;
            trial.status = trial.status.transitionTo(TrialStatus.CANCELLED);
            trial.cancelledAt = now();
            trial.cancellationReason = reason;
            trial.cancellationNote = note;
            return outbox.append(TrialEvents.cancelled(trial, previous)).replaceWith(trial);
        });
    }

    @WithSession
    public Uni<TrialWithAssessments> find(UUID trialId) {
        return trials.require(trialId).chain(trial -> assessments.ofTrial(trialId)
                .map(recorded -> new TrialWithAssessments(trial, recorded)));
    }

    @WithSession
    public Uni<Page<TrialEntity>> search(TrialStatus status, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        return trials.search(status, from, to, page);
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }
}
