package org.itpump.gateway.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.itpump.chassis.audit.AuditScope;
import org.itpump.chassis.security.Roles;
import org.itpump.gateway.messaging.FhirResources;
import org.itpump.gateway.store.FhirStore;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;

/**
 * A read-only FHIR R4 REST API over the resources the gateway built: read ({@code GET /fhir/r4/{type}/{id}}), search
 * by patient and date ({@code GET /fhir/r4/{type}?patient=&date=}), and the CapabilityStatement at
 * {@code /fhir/r4/metadata}. Answers are FHIR JSON serialised by HAPI; errors are OperationOutcomes (FHIR's
 * problem document) with 400 or 404. Integration engines and clinicians may read.
 * <p>
 * Every call is audited by the chassis; the patients it reads are named for its audit row ({@link AuditScope#patient}):
 * the resource's patients on a read, the searched patient on a search. That row comes back on itpump.audit.events and
 * is kept as one more AuditEvent (reading an AuditEvent yields exactly one new one: keeping a copy is not audited).
 */
@Path("/fhir/r4")
@Tag(name = "FHIR R4")
@Produces(FhirApi.FHIR_JSON)
public class FhirApi {

    public static final String FHIR_JSON = "application/fhir+json";
    /** The resource types served. */
    public static final List<String> TYPES = List.of("Appointment", "Procedure", "Device", "MedicationRequest",
            "Observation", "CarePlan", "Flag", "AuditEvent");
    private static final int MAX_COUNT = 100;

    private final FhirStore store;

    FhirApi(FhirStore store) {
        this.store = store;
    }

    @GET
    @Path("/metadata")
    @PermitAll
    @Operation(summary = "The CapabilityStatement: FHIR R4, JSON, read and search (patient, date) of each type served")
    public Response metadata() {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
        cs.setDate(new Date(0));
        cs.setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        cs.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        cs.addFormat("json");
        cs.getSoftware().setName("itpump integration-gateway");
        // kind instance: R4 invariant cpb-14 requires the implementation (this server)
        cs.getImplementation().setDescription("itpump integration-gateway: read-only FHIR R4 API");
        var rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        for (String type : TYPES) {
            var resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            resource.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE)
                    .setDocumentation("The opaque patient reference (identifier value)");
            resource.addSearchParam().setName("date").setType(Enumerations.SearchParamType.DATE)
                    .setDocumentation("yyyy-mm-dd (that day, UTC), or ge/lt followed by a date");
        }
        return fhir(Response.Status.OK, cs);
    }

    @GET
    @Path("/{type}/{id}")
    @RolesAllowed({Roles.INTEGRATION, Roles.CLINICIAN})
    @Operation(summary = "Read one resource")
    public Uni<Response> read(@PathParam("type") String type, @PathParam("id") String id) {
        if (!TYPES.contains(type)) {
            return Uni.createFrom().item(outcome(Response.Status.NOT_FOUND, OperationOutcome.IssueType.NOTSUPPORTED,
                    "Resource type " + type + " is not served here; served: " + TYPES));
        }
        return store.find(type, id).invoke(stored -> {
                    if (stored != null) {
                        stored.patientRefs().forEach(AuditScope::patient);
                    }
                }).map(stored -> stored == null
                ? outcome(Response.Status.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND, type + "/" + id + " is not known")
                : Response.ok(stored.json(), FHIR_JSON).tag(Integer.toString(stored.version()))
                .header("Last-Modified", Date.from(stored.updatedAt().toInstant())).build());
    }

    @GET
    @Path("/{type}")
    @RolesAllowed({Roles.INTEGRATION, Roles.CLINICIAN})
    @Operation(summary = "Search by patient and date: a searchset Bundle, oldest first, at most _count (1-100, 50)")
    public Uni<Response> search(@PathParam("type") String type, @QueryParam("patient") String patient,
                                @QueryParam("date") List<String> dates, @QueryParam("_count") Integer count,
                                @Context UriInfo uri) {
        if (!TYPES.contains(type)) {
            return Uni.createFrom().item(outcome(Response.Status.NOT_FOUND, OperationOutcome.IssueType.NOTSUPPORTED,
                    "Resource type " + type + " is not served here; served: " + TYPES));
        }
        OffsetDateTime from = null;
        OffsetDateTime to = null;
        try {
            for (String date : dates) {
                if (date.startsWith("ge")) {
                    from = day(date.substring(2));
                } else if (date.startsWith("lt")) {
                    to = day(date.substring(2));
                } else {
                    from = day(date);
                    to = from.plusDays(1);
                }
            }
        } catch (DateTimeParseException e) {
            return Uni.createFrom().item(outcome(Response.Status.BAD_REQUEST, OperationOutcome.IssueType.INVALID,
                    "date must be yyyy-mm-dd, optionally prefixed by ge or lt: " + e.getParsedString()));
        }
        if (count != null && (count < 1 || count > MAX_COUNT)) {
            return Uni.createFrom().item(outcome(Response.Status.BAD_REQUEST, OperationOutcome.IssueType.INVALID,
                    "_count must be between 1 and " + MAX_COUNT));
        }
        String patientRef = patient == null ? null : patient.substring(patient.indexOf('|') + 1);
        AuditScope.patient(patientRef);
        return store.search(type, patientRef, from, to, count == null ? 50 : count).map(found -> {
            Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
            var parser = FhirResources.context().newJsonParser();
            // R4 Bundle: an entry's fullUrl is absolute (the validator's BUNDLE_ENTRY_URL_ABSOLUTE): this server's base
            String base = uri.getBaseUriBuilder().path("fhir/r4").build().toString();
            for (FhirStore.Stored stored : found) {
                stored.patientRefs().forEach(AuditScope::patient);
                Resource resource = (Resource) parser.parseResource(stored.json());
                bundle.addEntry().setFullUrl(base + "/" + type + "/" + stored.id()).setResource(resource)
                        .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
            return fhir(Response.Status.OK, bundle);
        });
    }

    private static OffsetDateTime day(String date) {
        return LocalDate.parse(date).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static Response outcome(Response.Status status, OperationOutcome.IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        return fhir(status, outcome);
    }

    private static Response fhir(Response.Status status, Resource resource) {
        return Response.status(status).type(FHIR_JSON)
                .entity(FhirResources.context().newJsonParser().encodeResourceToString(resource)).build();
    }
}
