package org.itpump.trial.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.trial.domain.ReliefDecision;
import org.itpump.trial.domain.TrialStatus;
import org.itpump.trial.messaging.TrialEvents;
import org.itpump.trial.store.PainAssessmentEntity;
import org.itpump.trial.store.PainAssessmentRepository;
import org.itpump.trial.store.TrialEntity;
import org.itpump.trial.store.TrialRepository;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Trial use cases: each change and the events it causes commit in one transaction (outbox). */
@ApplicationScoped
public class TrialService {

    public record TrialWithAssessments(TrialEntity trial, List<PainAssessmentEntity> assessments) {
    }

    private final TrialRepository trials;
    private final PainAssessmentRepository assessments;
    private final Outbox outbox;
    private final Clock clock;
    private final BigDecimal thresholdPercent;

    TrialService(TrialRepository trials, PainAssessmentRepository assessments, Outbox outbox, Clock clock,
                 @ConfigProperty(name = "itpump.trial.relief-threshold-percent") BigDecimal thresholdPercent) {
        this.trials = trials;
        this.assessments = assessments;
        this.outbox = outbox;
        this.clock = clock;
        this.thresholdPercent = thresholdPercent;
    }

    /** Starts a trial and mints the pathway id every later event of this patient's journey carries. */
    @WithTransaction
    public Uni<TrialEntity> start(String patientRef, int baselineNrs) {
        ReliefDecision.requireMeasurableBaseline(baselineNrs);
        TrialEntity trial = new TrialEntity();
        trial.id = UUID.randomUUID();
        trial.pathwayId = UUID.randomUUID();
        trial.patientRef = patientRef;
        trial.baselineNrs = baselineNrs;
        trial.status = TrialStatus.IN_PROGRESS;
        trial.startedAt = now();
        return trials.persist(trial).call(() -> outbox.append(TrialEvents.started(trial)));
    }

    @WithTransaction
    public Uni<PainAssessmentEntity> recordAssessment(UUID trialId, int nrs) {
        return trials.require(trialId).chain(trial -> {
            trial.status.requireInProgress("record an assessment");
            PainAssessmentEntity assessment = new PainAssessmentEntity();
            assessment.id = UUID.randomUUID();
            assessment.trialId = trial.id;
            assessment.nrs = nrs;
            assessment.assessedAt = now();
            return assessments.persist(assessment)
                    .call(() -> outbox.append(TrialEvents.assessmentRecorded(trial, assessment)));
        });
    }

    /** Decides the trial from its assessments; emits trial.passed or trial.failed. */
    @WithTransaction
    public Uni<TrialWithAssessments> decide(UUID trialId) {
        return trials.require(trialId).chain(trial -> assessments.ofTrial(trialId).chain(recorded -> {
            trial.status.requireInProgress("decide the trial");
            ReliefDecision decision = ReliefDecision.decide(trial.baselineNrs,
                    recorded.stream().map(a -> a.nrs).toList(), thresholdPercent);
            trial.status = trial.status.transitionTo(decision.outcome());
            trial.decidedAt = now();
            trial.reliefPercent = decision.reliefPercent();
            trial.meanAssessedNrs = decision.meanAssessedNrs();
            trial.thresholdPercent = decision.thresholdPercent();
            return outbox.append(TrialEvents.decided(trial, decision))
                    .replaceWith(new TrialWithAssessments(trial, recorded));
        }));
    }

    @WithSession
    public Uni<TrialWithAssessments> find(UUID trialId) {
        return trials.require(trialId).chain(trial -> assessments.ofTrial(trialId)
                .map(recorded -> new TrialWithAssessments(trial, recorded)));
    }

    @WithSession
    public Uni<List<TrialEntity>> list(TrialStatus status) {
        return trials.byStatus(status);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
