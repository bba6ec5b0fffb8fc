package org.itpump.console.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.Location;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.itpump.chassis.security.Roles;
import org.itpump.console.service.ServiceActions;

import java.net.URI;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * The page's buttons and forms. Each forwards to the owning service's REST API with the caller's own token: that
 * service decides (its roles, its rules, its audit) and publishes the event that updates this console. A refusal
 * keeps the service's status; a browser (Accept: text/html) gets a page showing the service's problem+json title and
 * detail, any other caller the service's body as it was.
 */
@Path("/actions")
public class ConsoleActions {

    /** The board's form takes a wall-clock time of the hospital's zone: 2030-01-15 08:30 (or 2030-01-15T08:30). */
    static final DateTimeFormatter FORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm");

    private final ServiceActions actions;
    private final SecurityIdentity identity;
    private final ZoneId zone;
    private final Template failedPage;

    ConsoleActions(ServiceActions actions, SecurityIdentity identity,
                   @ConfigProperty(name = "itpump.console.hospital-zone") ZoneId zone,
                   @Location("action-failed.html") Template failedPage) {
        this.actions = actions;
        this.identity = identity;
        this.zone = zone;
        this.failedPage = failedPage;
    }

    @POST
    @Path("/escalations/{escalationId}/acknowledgement")
    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @Operation(summary = "Acknowledge an escalation through followup-service; back to the worklists")
    public Uni<Response> acknowledge(@PathParam("escalationId") UUID escalationId,
                                     @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        return actions.acknowledgeEscalation(escalationId, bearerToken())
                .map(outcome -> answer(outcome, "/worklists", "Acknowledging the escalation", accept));
    }

    /**
     * Books (no reason) or reschedules (with a reason) the case's theatre slot through implant-service.
     *
     * @param start           the hospital's wall-clock time, {@code 2030-01-15 08:30}; 400 otherwise
     * @param durationMinutes whole minutes; 400 when not a number (implant-service checks 30-480)
     */
    @POST
    @Path("/implant-cases/{caseId}/booking")
    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN})
    @Operation(summary = "Book or (with a reason) reschedule a theatre slot through implant-service; back to the board")
    public Uni<Response> book(@PathParam("caseId") UUID caseId, @FormParam("operatingRoomId") String operatingRoomId,
                              @FormParam("surgeonId") String surgeonId, @FormParam("start") String start,
                              @FormParam("durationMinutes") String durationMinutes, @FormParam("reason") String reason,
                              @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDateTime wallClock;
        int minutes;
        try {
            wallClock = wallClock(start);
            minutes = minutes(durationMinutes);
        } catch (IllegalArgumentException invalid) {
            // refused here, before implant-service is called: the same problem+json shape, as ops-console's own
            JsonObject problem = new JsonObject().put("type", "about:blank").put("title", "Invalid form field")
                    .put("status", 400).put("detail", invalid.getMessage());
            return Uni.createFrom().item(answer(new ServiceActions.Outcome("ops-console", 400, problem.encode()), "/",
                    "Booking the theatre slot", accept));
        }
        String offsetStart = org.itpump.chassis.time.Times.format(wallClock.atZone(zone).toOffsetDateTime());
        boolean reschedule = reason != null && !reason.isBlank();
        return actions.book(caseId, blankToNull(operatingRoomId), blankToNull(surgeonId), offsetStart, minutes, reason,
                        bearerToken())
                .map(outcome -> answer(outcome, "/?day=" + wallClock.toLocalDate(),
                        reschedule ? "Rescheduling the theatre slot" : "Booking the theatre slot", accept));
    }

    /**
     * The signed-in user's own access token for the owning service's API. Signed in through the hospital's OIDC
     * provider (code flow): the provider's access token (its audience names the services), never the ID token, which
     * is for this console alone. Signed in through the development sign-in (or as an API caller): the bearer token
     * smallrye-jwt verified.
     */
    private String bearerToken() {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access != null) {
            return access.getToken();
        }
        return identity.getCredential(TokenCredential.class).getToken();
    }

    private Response answer(ServiceActions.Outcome outcome, String backTo, String action, String accept) {
        if (outcome.succeeded()) {
            return Response.seeOther(URI.create(backTo)).build();
        }
        boolean problem = outcome.body() != null && outcome.body().startsWith("{");
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            JsonObject json = problem ? parse(outcome.body()) : new JsonObject();
            return Response.status(outcome.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .header("Cache-Control", "no-store")
                    .entity(failedPage.data("action", action).data("service", outcome.service())
                            .data("status", outcome.status()).data("title", json.getString("title", "Refused"))
                            .data("detail", json.getString("detail", outcome.body() == null ? "" : outcome.body()))
                            .data("backTo", backTo).render())
                    .build();
        }
        return Response.status(outcome.status()).type(problem ? "application/problem+json" : MediaType.TEXT_PLAIN)
                .entity(outcome.body()).build();
    }

    private LocalDateTime wallClock(String start) {
        try {
            return LocalDateTime.parse(start == null ? "" : start.strip(), FORM_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Start must be a date and time such as 2030-01-15 08:30 (" + zone.getId()
                    + "), not '" + (start == null ? "" : start) + "'");
        }
    }

    private static int minutes(String durationMinutes) {
        try {
            return Integer.parseInt(durationMinutes == null ? "" : durationMinutes.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Duration must be whole minutes such as 120, not '"
                    + (durationMinutes == null ? "" : durationMinutes) + "'");
        }
    }

    private static JsonObject parse(String body) {
        try {
            return new JsonObject(body);
        } catch (DecodeException notJson) {
            return new JsonObject().put("detail", body);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
