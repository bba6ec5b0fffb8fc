package org.itpump.dosing.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.itpump.chassis.security.Roles;
import org.itpump.dosing.service.DrugLibraryService;

import java.util.List;

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
    @Operation(summary = "Every version, newest first")
    public Uni<List<VersionSummary>> versions() {
        return library.versions().map(list -> list.stream().map(v -> new VersionSummary(v.version, v.createdAt)).toList());
    }

    @RolesAllowed({Roles.PHARMACIST, Roles.CLINICIAN, Roles.NURSE, Roles.OPS, Roles.INTEGRATION})
    @GET
    @Path("/versions/{version}")
    @Operation(summary = "One version of the library, as programs checked against it saw it")
    public Uni<ObjectNode> version(@PathParam("version") int version) {
        return library.version(version).map(library::document);
    }

    @RolesAllowed({Roles.PHARMACIST})
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish an edited library as the next version (pharmacy)",
            description = "The whole document, as GET returns it; its version is assigned here. 422 with what is wrong "
                    + "when a drug lacks a unit, a limit is not positive, a starting maximum exceeds the daily maximum...")
    public Uni<ObjectNode> publish(@NotNull ObjectNode document) {
        return library.publish(document).chain(published -> library.version(published.version()))
                .map(library::document);
    }
}
