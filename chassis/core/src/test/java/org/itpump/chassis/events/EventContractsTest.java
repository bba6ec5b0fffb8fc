package org.itpump.chassis.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractsTest {

    private static final EventContracts CONTRACTS = EventContracts.load();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySchemaFileHasAPlaceInAsyncApiAndEveryTypeATopicOfItsService() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../../contracts/schemas"))) {
            Set<String> schemaTypes = files.map(file -> file.getFileName().toString().replaceFirst("\\.json$", ""))
                    .collect(Collectors.toSet());
            assertEquals(schemaTypes, CONTRACTS.eventTypes());
        }
        for (String type : CONTRACTS.eventTypes()) {
            String service = type.substring(0, type.indexOf('.'));
            assertEquals("itpump." + service + ".events", CONTRACTS.topicOf(type), type);
        }
    }

    @Test
    void aPayloadIsCheckedAgainstItsSchema() throws IOException {
        var valid = JSON.readTree("""
                {"pathwayId":"2b1f0b4e-3c55-4f8e-9a0e-0d1c2b3a4f5e","patientRef":"PT-1",
                 "caseId":"9d2e3f40-5b6c-4d7e-8f90-a1b2c3d4e5f6",
                 "trialId":"8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e","openedAt":"2026-11-26T09:00:00Z"}""");
        assertEquals(Set.of(), Set.copyOf(CONTRACTS.violations("implant.case-opened", valid)));

        var named = JSON.readTree("""
                {"pathwayId":"not-a-uuid","patientRef":"Jane Doe","trialId":"8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e",
                 "baselineNrs":0}""");
        var violations = CONTRACTS.violations("trial.started", named);
        assertTrue(violations.stream().anyMatch(v -> v.contains("patientRef")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("pathwayId")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("baselineNrs")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("startedAt")), violations.toString());
    }

    @Test
    void anUnknownTypeIsNotAContract() {
        assertFalse(CONTRACTS.knows("trial.exploded"));
        assertEquals(1, CONTRACTS.violations("trial.exploded", JSON.createObjectNode()).size());
    }

    @Test
    void eachServiceTopicNamesItsOnlySourceAndTheSharedAuditTopicNone() {
        assertEquals(java.util.Optional.of("urn:itpump:trial-service"), CONTRACTS.sourceOf("itpump.trial.events"));
        assertEquals(java.util.Optional.of("urn:itpump:implant-service"), CONTRACTS.sourceOf("itpump.implant.events"));
        assertEquals(java.util.Optional.of("urn:itpump:dosing-service"), CONTRACTS.sourceOf("itpump.dosing.events"));
        assertEquals(java.util.Optional.of("urn:itpump:followup-service"), CONTRACTS.sourceOf("itpump.followup.events"));
        assertEquals(java.util.Optional.empty(), CONTRACTS.sourceOf("itpump.audit.events"));
        assertEquals(java.util.Optional.empty(), CONTRACTS.sourceOf("itpump.implant-service.dlq"));
    }

    @Test
    void aTolerantReaderIgnoresAnUnknownEnumValueOnlyInPropertiesItDoesNotRead() throws IOException {
        var newerProducer = JSON.readTree("""
                {"pathwayId":"2b1f0b4e-3c55-4f8e-9a0e-0d1c2b3a4f5e","patientRef":"PT-1",
                 "trialId":"8c1d2e3f-4a5b-4c6d-8e7f-901a2b3c4d5e","baselineNrs":8,"meanAssessedNrs":3.5,
                 "reliefPercent":56.25,"thresholdPercent":50,"assessmentCount":2,"decidedAt":"2026-11-26T10:00:00Z",
                 "indication":"A_NEW_INDICATION","trialType":"SINGLE_BOLUS","drug":"morphine","dose":0.5,
                 "doseUnit":"mg","addedLater":{"any":"thing"}}""");
        // a producer checks everything: the new value is outside its own contract
        assertEquals(1, CONTRACTS.violations("trial.passed", newerProducer).size());
        // implant-service reads pathwayId, patientRef, trialId and baselineNrs: not its concern
        Set<String> implantReads = Set.of("pathwayId", "patientRef", "trialId", "baselineNrs");
        assertEquals(java.util.List.of(), CONTRACTS.violations("trial.passed", newerProducer, implantReads::contains));
        // a consumer that reads the indication refuses it; an unknown property is nobody's violation
        var violations = CONTRACTS.violations("trial.passed", newerProducer, "indication"::equals);
        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).contains("indication"), violations.toString());
        // every other rule still applies to a tolerant reader
        ((com.fasterxml.jackson.databind.node.ObjectNode) newerProducer).put("baselineNrs", 11);
        assertEquals(1, CONTRACTS.violations("trial.passed", newerProducer, implantReads::contains).size());
    }
}
