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
                 "reliefPercent":56.25,"thresholdPercent":50,"assessmentCount":2,"decidedAt":"2026-11-26T10:00:00Z",
                 "indication":"FAILED_BACK_SURGERY_SYNDROME","trialType":"SINGLE_BOLUS","drug":"morphine","dose":0.5,
                 "doseUnit":"mg"}"""
                .formatted(pathwayId, trialId);
    }

    public static String implantCompleted(String pathwayId, String caseId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","caseId":"%s","trialId":"6d3c3d8e-8f0e-4f36-9d38-0a4f5b0c1e2d",
                 "baselineNrs":8,"reservoirVolumeMl":40,"completedAt":"2026-11-26T14:00:00Z",
                 "device":{"manufacturer":"Medtronic","model":"SynchroMed II","serialNumber":"NGP123456H","reservoirVolumeMl":40},
                 "catheterEntryLevel":"L2-L3","catheterTipLevel":"T10","pumpPocketSide":"RIGHT","anesthesia":"SEDATION",
                 "procedureStartedAt":"2026-11-26T12:00:00Z","procedureEndedAt":"2026-11-26T13:30:00Z"}"""
                .formatted(pathwayId, caseId);
    }

    public static String trialCancelled(String pathwayId, String trialId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-77","trialId":"%s","previousStatus":"PASSED",
                 "reason":"PATIENT_WITHDREW","cancelledAt":"2026-11-27T10:00:00Z"}"""
                .formatted(pathwayId, trialId);
    }

    public static String trialStarted(String pathwayId, String trialId) {
        return """
                {"pathwayId":"%s","patientRef":"PT-5","trialId":"%s","candidateId":"%s","indication":"CANCER_PAIN",
                 "trialType":"SINGLE_BOLUS","drug":"morphine","dose":0.3,"doseUnit":"mg","baselineNrs":7,
                 "startedAt":"2026-11-26T09:00:00Z","windowEndsAt":"2026-11-27T09:00:00Z"}"""
                .formatted(pathwayId, trialId, java.util.UUID.randomUUID());
    }
}
