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
}
