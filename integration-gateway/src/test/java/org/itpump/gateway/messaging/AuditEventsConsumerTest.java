package org.itpump.gateway.messaging;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.itpump.gateway.GatewayKafkaTest;
import org.itpump.gateway.GatewayTestResource;
import org.itpump.testing.Await;
import org.itpump.testing.PathwayTestResource;
import org.itpump.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.itpump.chassis.security.Roles.CLINICIAN;
import static org.itpump.chassis.security.Roles.INTEGRATION;
import static org.itpump.gateway.FhirChecks.assertValid;
import static org.itpump.gateway.GatewayTestSupport.patientRef;
import static org.itpump.gateway.messaging.FhirResourcesTest.auditRecorded;
import static org.itpump.testing.SecurityMatrix.token;
import static org.itpump.testing.TopicProbe.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services' audit records (itpump.audit.events) in; AuditEvents out over the FHIR API and on the FHIR topic, each
 * passing HAPI's validator. The gateway's own reads are audited and come back on the same topic: reading an
 * AuditEvent yields exactly one new AuditEvent and no chain (keeping a copy writes no audit row).
 */
@QuarkusTest
@WithTestResource(PathwayTestResource.class)
@WithTestResource(GatewayTestResource.class)
class AuditEventsConsumerTest extends GatewayKafkaTest {

    private static final String AUDIT_TOPIC = "itpump.audit.events";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DataSource db;

    private static void publish(String auditId, String json) {
        events.sendCloudEvent(AUDIT_TOPIC, UUID.randomUUID().toString(), "audit.recorded", auditId, json);
    }

    private static <T extends Resource> T read(Class<T> type, String path) {
        String json = given().auth().oauth2(token(CLINICIAN)).get("/fhir/r4/" + path).then().statusCode(200)
                .contentType("application/fhir+json").extract().asString();
        return FhirResources.context().newJsonParser().parseResource(type, json);
    }

    @Test
    void aServicesAuditRecordIsServedSearchedAndPublishedAsAValidAuditEvent() {
        String id = UUID.randomUUID().toString();
        String patient = patientRef();
        String other = patientRef();
        try (TopicProbe fhir = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.integration.fhir-r4")) {
            publish(id, auditRecorded(id, "2026-11-26T12:00:00.5Z", patient, other));

            Await.until(() -> patientsOf(id), p -> !p.isEmpty(), "the AuditEvent kept");
            AuditEvent served = read(AuditEvent.class, "AuditEvent/" + id);
            assertValid(served);
            assertEquals(patient, served.getEntity().get(0).getWhat().getIdentifier().getValue());
            assertEquals(other, served.getEntity().get(1).getWhat().getIdentifier().getValue());
            assertEquals("2026-11-26T12:00:00.500Z", served.getRecordedElement().getValueAsString());

            // found under either patient, on the day it was recorded; the gateway's own reads are recorded today
            for (String p : List.of(patient, other)) {
                Bundle found = read(Bundle.class, "AuditEvent?patient=" + p + "&date=2026-11-26");
                assertValid(found);
                assertEquals(1, found.getTotal(), "the record under " + p);
                assertEquals(id, found.getEntryFirstRep().getResource().getIdElement().getIdPart());
            }
            assertEquals(0, read(Bundle.class, "AuditEvent?patient=" + patient + "&date=2026-11-27").getTotal());

            ConsumerRecord<String, String> published = fhir.await(r -> id.equals(r.key()), WAIT);
            assertEquals("AuditEvent/" + id + "/_history/1", header(published, "fhir-resource"));
            assertValid(FhirResources.context().newJsonParser().parseResource(AuditEvent.class, published.value()));
        }
    }

    /**
     * The loop the gateway must not start: its read of an AuditEvent is audited (the read names the record's patient),
     * that audit record comes back on itpump.audit.events and is kept as one new AuditEvent. Had keeping it been
     * audited in turn, the copy's transaction would hold an audit row of path audit.recorded, published again, and so
     * on for ever; there is none, so the chain ends at the one new record.
     */
    @Test
    void readingAnAuditEventYieldsExactlyOneNewAuditEventAndNoChain() {
        String id = UUID.randomUUID().toString();
        String patient = patientRef();
        publish(id, auditRecorded(id, "2026-11-25T08:00:00Z", patient));
        Await.until(() -> patientsOf(id), p -> !p.isEmpty(), "the AuditEvent kept");

        read(AuditEvent.class, "AuditEvent/" + id);

        List<String> readRecords = Await.until(() -> strings(
                "select cast(id as text) from audit_record where path like ?", "%/AuditEvent/" + id),
                r -> !r.isEmpty(), "the read audited");
        assertEquals(1, readRecords.size(), "one audit record of the one read");
        String readRecord = readRecords.get(0);
        assertEquals(List.of(patient), Await.until(() -> patientsOf(readRecord), p -> !p.isEmpty(),
                "the read's own audit record kept as an AuditEvent of the patient"));
        assertEquals(List.of(), strings("select cast(id as text) from audit_record where path = ?", "audit.recorded"),
                "keeping an audit record writes no audit record of its own");
        assertEquals(2, strings("select id from resource_patient where resource_type = 'AuditEvent' and patient_ref = ?",
                patient).size(), "the record read and the record of the read");

        AuditEvent ofTheRead = read(AuditEvent.class, "AuditEvent/" + readRecord);
        assertValid(ofTheRead);
        assertEquals("R", ofTheRead.getAction().toCode());
        assertEquals("matrix-" + CLINICIAN, ofTheRead.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals("integration-gateway", ofTheRead.getSource().getObserver().getDisplay());
        assertTrue(ofTheRead.getEntity().stream().anyMatch(e -> e.getWhat().getDisplay() != null
                && e.getWhat().getDisplay().startsWith("GET ") && e.getWhat().getDisplay().contains("AuditEvent/" + id)));
    }

    @Test
    void badAuditRecordsAreDeadLetteredWithTheirReason() {
        String badAction = UUID.randomUUID().toString();
        String noPatientRef = UUID.randomUUID().toString();
        String badActionEvent = UUID.randomUUID().toString();
        String noPatientRefEvent = UUID.randomUUID().toString();
        try (TopicProbe deadLetters = new TopicProbe(PathwayTestResource.bootstrapServers(), "itpump.integration-gateway.dlq")) {
            events.sendCloudEvent(AUDIT_TOPIC, badActionEvent, "audit.recorded", badAction,
                    auditRecorded(badAction, "2026-11-26T12:00:00Z", patientRef()).replace("\"action\":\"R\"", "\"action\":\"X\""));
            String patient = patientRef();
            events.sendCloudEvent(AUDIT_TOPIC, noPatientRefEvent, "audit.recorded", noPatientRef,
                    auditRecorded(noPatientRef, "2026-11-26T12:00:00Z", patient).replace(
                            "{\"what\":{\"identifier\":{\"value\":\"" + patient + "\"}}", "{\"what\":{\"display\":\"someone\"}"));

            String schema = header(deadLetters.await(r -> badActionEvent.equals(header(r, "ce_id")), WAIT), "dead-letter-reason");
            assertTrue(schema.contains("audit.recorded fails its schema") && schema.contains("/action"), schema);
            String unnamed = header(deadLetters.await(r -> noPatientRefEvent.equals(header(r, "ce_id")), WAIT),
                    "dead-letter-reason");
            assertTrue(unnamed.contains("audit.recorded " + noPatientRef + ": a Patient entity without what.identifier.value"),
                    unnamed);
            assertEquals(List.of(), patientsOf(badAction));
            assertEquals(List.of(), patientsOf(noPatientRef));
        }
    }

    private List<String> patientsOf(String auditId) {
        return strings("select patient_ref from resource_patient where resource_type = 'AuditEvent' and id = ?"
                + " order by patient_ref", auditId);
    }

    private List<String> strings(String sql, String parameter) {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
