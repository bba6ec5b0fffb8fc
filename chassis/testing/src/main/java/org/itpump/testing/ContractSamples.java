package org.itpump.testing;

/**
 * Valid payloads of the consumed event types, as other services publish them, for consumers' tests.
 * They are JSON text, like the contracts: no service's Java classes are shared.
 */
public final class ContractSamples {

    private ContractSamples() {
    }

    public static String trialPassed(String pathwayId, String trialId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","trialId":"%s","baselineNrs":8,"meanAssessedNrs":3.5,
                 "reliefPercent":56.25,"thresholdPercent":50,"assessmentCount":2,"decidedAt":"2026-11-26T10:00:00Z"}"""
                .formatted(pathwayId, trialId);
    }

    public static String implantCompleted(String pathwayId, String caseId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","trialId":"6d3c3d8e-8f0e-4f36-9d38-0a4f5b0c1e2d",
                 "baselineNrs":8,"reservoirVolumeMl":40,"completedAt":"2026-11-26T14:00:00Z"}"""
                .formatted(pathwayId, caseId);
    }
}
