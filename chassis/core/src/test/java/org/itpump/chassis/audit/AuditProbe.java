package org.itpump.chassis.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.itpump.chassis.outbox.Outbox;
import org.itpump.chassis.problem.ResourceNotFoundException;
import org.itpump.chassis.security.Roles;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The chassis test application's audited API, shaped like a service's: a note belongs to a patient; creating one is a
 * use case in a Panache transaction that writes a business row and an outbox event; reading one answers a view
 * without the patient (as a service's sub-resources do), so its audit row must find the patient from the path.
 * The table is created by {@link AuditTrailTest}.
 */
@Path("/audit-probe/notes")
@Produces(MediaType.APPLICATION_JSON)
public class AuditProbe {

    public record NewNote(String patientRef, String text) {
    }

    public record Created(UUID id, String patientRef) {
    }

    public record NoteView(UUID id, String text) {
    }

    private final Notes notes;

    AuditProbe(Notes notes) {
        this.notes = notes;
    }

    @RolesAllowed(Roles.CLINICIAN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NewNote note) {
        return notes.create(note).map(created -> Response.status(201).entity(created).build());
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.OPS})
    @GET
    @Path("/{noteId}")
    public Uni<NoteView> read(@PathParam("noteId") UUID noteId) {
        return notes.read(noteId);
    }

    @RolesAllowed(Roles.CLINICIAN)
    @POST
    @Path("/{noteId}/amendments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<NoteView> amend(@PathParam("noteId") UUID noteId, NewNote amendment) {
        return notes.read(noteId);
    }

    @RolesAllowed({Roles.CLINICIAN, Roles.OPS})
    @GET
    @Path("/{noteId}/amendments/{amendmentId}")
    public Uni<NoteView> amendment(@PathParam("noteId") UUID noteId, @PathParam("amendmentId") UUID amendmentId) {
        return Uni.createFrom().failure(new ResourceNotFoundException("Amendment", amendmentId));
    }

    /** The use cases. */
    @ApplicationScoped
    public static class Notes {

        private final Outbox outbox;

        Notes(Outbox outbox) {
            this.outbox = outbox;
        }

        /** A business row and its event, in one transaction (the audit row joins it). */
        @WithTransaction
        public Uni<Created> create(NewNote note) {
            UUID id = UUID.randomUUID();
            // the event: any contract's event serves; an AuditEvent naming the patient is one the chassis can build
            AuditEntry described = new AuditEntry(id, OffsetDateTime.now(ZoneOffset.UTC), "probe", List.of(), "C",
                    "NOTE", "/notes/" + id, "", List.of(note.patientRef()), 200, "chassis-test", null, null, null);
            return Panache.getSession().chain(session -> session
                            .createNativeQuery("insert into audit_probe_note (id, patient_ref, text) values (?1, ?2, ?3)")
                            .setParameter(1, id).setParameter(2, note.patientRef()).setParameter(3, note.text())
                            .executeUpdate())
                    .chain(() -> outbox.append(described.asEvent()))
                    .replaceWith(new Created(id, note.patientRef()));
        }

        @WithSession
        public Uni<NoteView> read(UUID id) {
            return Panache.getSession().chain(session -> session
                            .createNativeQuery("select text from audit_probe_note where id = ?1", String.class)
                            .setParameter(1, id).getResultList())
                    .map(found -> {
                        if (found.isEmpty()) {
                            throw new ResourceNotFoundException("Note", id);
                        }
                        return new NoteView(id, found.get(0));
                    });
        }
    }
}
