package org.itpump.trial.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.inbox.AwaitingStateException;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.store.Page;
import org.itpump.chassis.store.PageRequest;
import org.itpump.trial.domain.Candidate;
import org.itpump.trial.domain.CancellationReason;
import org.itpump.trial.domain.DoseCheck;
import org.itpump.trial.domain.DoseHold;
import org.itpump.trial.domain.DoseUnit;
import org.itpump.trial.domain.EligibilityItem;
import org.itpump.trial.domain.Indication;
import org.itpump.trial.domain.PainAssessment;
import org.itpump.trial.domain.Trial;
import org.itpump.trial.domain.TrialEvent;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.domain.TrialType;
import org.itpump.trial.store.CandidateRepository;
import org.itpump.trial.store.PainAssessmentRepository;
import org.itpump.trial.store.TrialRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Candidate and trial use cases. Each loads its aggregate, calls one clinical act on it, stores the result and
 * appends the events the act returned to the outbox, in one transaction. Inputs are this class's own records.
 */
@ApplicationScoped
public class TrialService {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(TrialService.class);

    /** A trial with its assessments (null in a list, which loads none). */
    public record TrialWithAssessments(Trial trial, List<PainAssessment> assessments) {
    }

    public record TrialOrder(UUID candidateId, TrialType trialType, String drug, BigDecimal dose, DoseUnit doseUnit,
                             int baselineNrs) {
    }

    /** assessedAt: null for now. */
    public record Assessment(int nrs, int minutesSinceDose, BigDecimal oralMmePerDay, Integer functionScore,
                             OffsetDateTime assessedAt) {
    }

    /** dosing-service's check of a trial's dose (dosing.trial-dose-checked), as this use case takes it. */
    public record DoseChecked(UUID trialId, UUID pathwayId, DoseCheck check) {
    }

    private final CandidateRepository candidates;
    private final TrialRepository trials;
    private final PainAssessmentRepository assessments;
    private final Outbox outbox;
    private final TrialEventPayloads payloads;
    private final Clock clock;
    private final BigDecimal thresholdPercent;

    TrialService(CandidateRepository candidates, TrialRepository trials, PainAssessmentRepository assessments,
                 Outbox outbox, TrialEventPayloads payloads, Clock clock,
                 @ConfigProperty(name = "itpump.trial.relief-threshold-percent") BigDecimal thresholdPercent) {
        this.candidates = candidates;
        this.trials = trials;
        this.assessments = assessments;
        this.outbox = outbox;
        this.payloads = payloads;
        this.clock = clock;
        this.thresholdPercent = thresholdPercent;
    }

    @WithTransaction
    public Uni<Candidate> registerCandidate(String patientRef, Indication indication) {
        return candidates.add(Candidate.register(patientRef, indication, now()));
    }

    /** Replaces the documented checklist items (what the clinician has ticked so far). */
    @WithTransaction
    public Uni<Candidate> documentEligibility(UUID candidateId, Set<EligibilityItem> documented) {
        return candidates.require(candidateId)
                .chain(candidate -> candidates.save(candidate.documentEligibility(documented)));
    }

    @WithSession
    public Uni<Candidate> findCandidate(UUID candidateId) {
        return candidates.require(candidateId);
    }

    /** Starts a trial for an eligible candidate and mints the pathway id every later event carries. */
    @WithTransaction
    public Uni<Trial> start(TrialOrder order) {
        return candidates.require(order.candidateId()).chain(candidate -> {
            Trial.Changed started = candidate.startTrial(new Trial.Order(order.trialType(), order.drug(), order.dose(),
                    order.doseUnit(), order.baselineNrs()), now());
            return trials.add(started.trial()).call(() -> publish(started.events()));
        });
    }

    @WithTransaction
    public Uni<PainAssessment> recordAssessment(UUID trialId, Assessment recorded) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            OffsetDateTime assessedAt = recorded.assessedAt() == null ? now() : org.itpump.chassis.time.Times.utc(recorded.assessedAt());
            Trial.Assessed assessed = trial.recordAssessment(recorded.nrs(), recorded.minutesSinceDose(),
                    recorded.oralMmePerDay(), recorded.functionScore(), assessedAt, clock.instant());
            return assessments.add(assessed.assessment()).call(() -> publish(assessed.events()));
        });
    }

    /** Decides the trial from its post-dose assessments; emits trial.passed or trial.failed. */
    @WithTransaction
    public Uni<TrialWithAssessments> decide(UUID trialId) {
        // Locked: an assessment recorded concurrently commits before this reads them, or finds the trial decided.
        return trials.requireForUpdate(trialId).chain(trial -> assessments.ofTrial(trialId).chain(recorded -> {
            Trial.Changed decided = trial.decide(recorded, thresholdPercent, now());
            return trials.save(decided.trial()).call(() -> publish(decided.events()))
                    .map(saved -> new TrialWithAssessments(saved, recorded));
        }));
    }

    /**
     * Records dosing-service's check of the trial's dose (dosing.trial-dose-checked), in the consumer's transaction.
     * A HARD finding holds an undecided trial (no decision until an override); a check of a decided or cancelled
     * trial is kept and shown only. The first check of a trial is kept (dosing-service checks each trial.started
     * once; a redelivery is dropped by the inbox). A check for an unknown trial is held (AwaitingStateException);
     * one whose pathway differs from the trial's is refused (dead-lettered).
     */
    public Uni<Void> recordDoseCheck(DoseChecked checked) {
        UUID trialId = checked.trialId();
        DoseCheck check = checked.check();
        return trials.findForUpdate(trialId).chain(trial -> {
            if (trial == null) {
                throw new AwaitingStateException("no trial " + trialId + " (its trial.started is not this service's yet)");
            }
            Trial.Changed recorded = trial.recordDoseCheck(checked.pathwayId(), check, now());
            if (recorded.trial() == trial) { // the act keeps the first check: it returned the trial unchanged
                LOG.infof("Trial %s already has its dose check (library v%d); a later one is ignored", trialId,
                        trial.doseCheck().libraryVersion());
                return Uni.createFrom().voidItem();
            }
            Trial after = recorded.trial();
            if (after.doseHold().holds(after.status())) {
                LOG.warnf("Trial %s is on hold (%s): %d hard dose finding(s) of drug library v%d", trialId,
                        DoseHold.RULE, check.hardFindings().size(), check.libraryVersion());
            }
            return trials.save(after).call(() -> publish(recorded.events())).replaceWithVoid();
        });
    }

    /**
     * Releases the hold of a HARD dose finding with the clinician's reason; the clinician comes from the caller's
     * token. Emits trial.dose-override-recorded. 409 when the trial is not held, 422 without a reason.
     */
    @WithTransaction
    public Uni<TrialWithAssessments> recordDoseOverride(UUID trialId, String reason, String clinician) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            Trial.Changed overridden = trial.overrideDoseHold(reason, clinician, now());
            return trials.save(overridden.trial()).call(() -> publish(overridden.events()))
                    .chain(saved -> assessments.ofTrial(trialId).map(recorded -> new TrialWithAssessments(saved, recorded)));
        });
    }

    /** Cancels an open or passed trial (an open implant case then closes); emits trial.cancelled. */
    @WithTransaction
    public Uni<Trial> cancel(UUID trialId, CancellationReason reason, String note) {
        return trials.requireForUpdate(trialId).chain(trial -> {
            Trial.Changed cancelled = trial.cancel(reason, note, now());
            return trials.save(cancelled.trial()).call(() -> publish(cancelled.events()));
        });
    }

    @WithSession
    public Uni<TrialWithAssessments> find(UUID trialId) {
        return trials.require(trialId).chain(trial -> assessments.ofTrial(trialId)
                .map(recorded -> new TrialWithAssessments(trial, recorded)));
    }

    @WithSession
    public Uni<Page<Trial>> search(TrialStatus status, OffsetDateTime from, OffsetDateTime to, PageRequest page) {
        return trials.search(status, from, to, page);
    }

    private Uni<Void> publish(List<TrialEvent> events) {
        return outbox.appendAll(events.stream().map(payloads::outgoing).toList());
    }

    private OffsetDateTime now() {
        return org.itpump.chassis.time.Times.now(clock);
    }
}
