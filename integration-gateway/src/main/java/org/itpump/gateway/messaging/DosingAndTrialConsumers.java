package org.itpump.gateway.messaging;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.itpump.chassis.inbox.EventHandlers;
import org.itpump.chassis.inbox.InboundEventProcessor;
import org.itpump.gateway.domain.PumpProgram;
import org.itpump.gateway.service.ClinicalRecords;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** dosing.pump-programmed becomes a MedicationRequest; trial.assessment-recorded a pain-score Observation. */
@ApplicationScoped
public class DosingAndTrialConsumers {

    /** What the gateway reads of dosing.pump-programmed. */
    public record PumpProgrammed(UUID pathwayId, String patientRef, UUID programId, Program program,
                                 OffsetDateTime programmedAt) {
    }

    /** The program; doses in doseUnit (mcg or mg); drugCode optional (issue 15). */
    public record Program(String drug, DrugCode drugCode, String doseUnit, BigDecimal dailyDose, BigDecimal bolusDose,
                          Integer maxBolusesPerDay) {

        String rxnormCode() {
            return drugCode != null && FhirResources.RXNORM_SYSTEM.equals(drugCode.system()) ? drugCode.code() : null;
        }
    }

    /** A drug coded (RxNorm in dosing-service's events). */
    public record DrugCode(String system, String code, String display) {
    }

    /** What the gateway reads of trial.assessment-recorded: the NRS pain score 0-10. */
    public record AssessmentRecorded(UUID pathwayId, String patientRef, UUID assessmentId, int nrs,
                                     OffsetDateTime assessedAt) {
    }

    private final InboundEventProcessor processor;
    private final EventHandlers dosing;
    private final EventHandlers trial;

    DosingAndTrialConsumers(InboundEventProcessor processor, ClinicalRecords records) {
        this.processor = processor;
        this.dosing = EventHandlers.create().on("dosing.pump-programmed", PumpProgrammed.class,
                e -> records.programmed(new PumpProgram(e.programId(), e.pathwayId(), e.patientRef(), e.program().drug(), e.program().rxnormCode(),
                        e.program().doseUnit(), e.program().dailyDose(), e.program().bolusDose(),
                        e.program().maxBolusesPerDay(), e.programmedAt())));
        this.trial = EventHandlers.create().on("trial.assessment-recorded", AssessmentRecorded.class,
                e -> records.painScored(e.assessmentId(), e.pathwayId(), e.patientRef(), e.nrs(), e.assessedAt()));
    }

    @Incoming("dosing-events")
    public Uni<Void> onDosingEvent(Message<String> message) {
        return processor.process(message, dosing);
    }

    @Incoming("trial-events")
    public Uni<Void> onTrialEvent(Message<String> message) {
        return processor.process(message, trial);
    }
}
