package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.problem.Problem;
import org.itpump.chassis.security.Roles;
import org.itpump.dosing.domain.AffectedTherapiesException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.itpump.dosing.service.DrugLibraryService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Path("/drug-library")
@Tag(name = "Drug library")
@Produces(MediaType.APPLICATION_JSON)
public class DrugLibraryResource {

    public record VersionSummary(int version, java.time.OffsetDateTime createdAt) {
    }

    private final DrugLibraryService library;

    DrugLibraryResource(DrugLibraryService library) {
        this.library = library;
    }

    @RolesAllowed({Roles.PHARMACIST, Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Operation(summary = "The drug library in force, as its JSON document (limits with their sources)")
    public Uni<ObjectNode> current() {
        return library.versions().map(versions -> library.document(versions.get(0)));
    }

    @RolesAllowed({Roles.PHARMACIST, Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/versions")
    @Operation(summary = "Every version, newest first",
            description = "Reference data without patient records (one row per published library version): no filter "
                    + "is required.")
    public Uni<List<VersionSummary>> versions() {
        return library.versions().map(list -> list.stream().map(v -> new VersionSummary(v.version(), v.createdAt())).toList());
    }

    @RolesAllowed({Roles.PHARMACIST, Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One version of the library, as programs checked against it saw it")
    public Uni<ObjectNode> version(@PathParam("version") int version) {
        return library.version(version).map(library::document);
    }

    /** Body fields that acknowledge affected therapies; taken out of the document before it is stored. */
    static final String ACKNOWLEDGE = "acknowledgeAffectedTherapies";
    static final String REASON = "acknowledgementReason";

    @RolesAllowed({Roles.PHARMACIST})
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish an edited library as the next version (pharmacy)",
            description = "The whole document, as GET returns it; its version is assigned here. 422 with what is wrong "
                    + "when a drug lacks a unit, a limit is not positive, a starting maximum exceeds the daily maximum... "
                    + "409 (type library-change-affects-therapies) when an active therapy's program in force uses a drug "
                    + "the version no longer lists or exceeds one of its hard limits (maximum concentration, daily dose, "
                    + "total possible daily dose, bolus dose): affectedTherapies lists each therapy, its drug, the limit, "
                    + "the limit's value and the program's. To publish anyway, add acknowledgeAffectedTherapies: true and "
                    + "acknowledgementReason (up to 500 characters) to the body (they are not stored in the document): "
                    + "dosing.library-change-acknowledged is then published for each affected therapy.")
    public Uni<ObjectNode> publish(@NotNull ObjectNode document, @Context SecurityContext security) {
        JsonNode acknowledge = document.remove(ACKNOWLEDGE);
        JsonNode reason = document.remove(REASON);
        if (acknowledge != null && !acknowledge.isBoolean()) {
            throw new BadRequestException(ACKNOWLEDGE + " must be true or false, was " + acknowledge);
        }
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new BadRequestException(REASON + " must be text, was " + reason);
        }
        DrugLibraryService.Acknowledgement acknowledgement = null;
        if (acknowledge != null && acknowledge.asBoolean()) {
            String text = reason == null || reason.isNull() ? "" : reason.asText().strip();
            if (text.isEmpty() || text.length() > 500) {
                throw new BadRequestException(REASON + " (1-500 characters) is required with " + ACKNOWLEDGE + ": true");
            }
            acknowledgement = new DrugLibraryService.Acknowledgement(text,
                    security.getUserPrincipal() == null ? "unknown" : security.getUserPrincipal().getName());
        }
        return library.publish(document, acknowledgement).chain(published -> library.version(published.version()))
                .map(library::document);
    }

    /**
     * 409 problem+json for a version that would leave active therapies outside it (RFC 9457, with the extension
     * member affectedTherapies: therapyId, pathwayId, programId, drug, programLibraryVersion and its findings).
     */
    @ServerExceptionMapper
    public Response affectedTherapies(AffectedTherapiesException e, UriInfo uri) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://itpump.org/problems/library-change-affects-therapies");
        problem.put("title", "The library change affects active therapies");
        problem.put("status", 409);
        problem.put("detail", e.getMessage());
        problem.put("instance", Problem.instance(uri.getPath()));
        problem.put("errors", e.details());
        problem.put("libraryVersion", e.version());
        problem.put("affectedTherapies", e.affected().stream().map(a -> {
            Map<String, Object> therapy = new LinkedHashMap<>();
            therapy.put("therapyId", a.program().therapyId());
            therapy.put("pathwayId", a.program().pathwayId());
            therapy.put("programId", a.program().programId());
            therapy.put("drug", a.program().drug());
            therapy.put("programLibraryVersion", a.program().libraryVersion());
            therapy.put("findings", a.findings().stream().map(f -> {
                Map<String, Object> finding = new LinkedHashMap<>();
                finding.put("limit", f.limit().name());
                finding.put("limitValue", f.limitValue());
                finding.put("programValue", f.programValue());
                finding.put("unit", f.ucumUnit());
                return finding;
            }).toList());
            return therapy;
        }).toList());
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
