package org.itpump.console.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.itpump.chassis.security.Roles;
import org.itpump.console.service.ServiceActions;

import java.net.URI;
import java.util.UUID;

/**
 * The page's buttons. Each forwards to the owning service's REST API with the caller's own token: that service
 * decides (its roles, its rules, its audit) and publishes the event that updates this console. A refusal is
 * passed back as the service gave it (status and problem+json).
 */
@Path("/actions")
public class ConsoleActions {

    private final ServiceActions actions;
    private final JsonWebToken token;

    ConsoleActions(ServiceActions actions, JsonWebToken token) {
        this.actions = actions;
        this.token = token;
    }

    @POST
    @Path("/escalations/{escalationId}/acknowledgement")
    @RolesAllowed({Roles.CLINICIAN, Roles.NURSE})
    @Operation(summary = "Acknowledge an escalation through followup-service; back to the worklists")
    public Uni<Response> acknowledge(@PathParam("escalationId") UUID escalationId) {
        return actions.acknowledgeEscalation(escalationId, token.getRawToken())
                .map(outcome -> answer(outcome, "/worklists"));
    }

    @POST
    @Path("/implant-cases/{caseId}/booking")
    @RolesAllowed({Roles.SCHEDULER, Roles.CLINICIAN})
    @Operation(summary = "Book or (with a reason) reschedule a theatre slot through implant-service; back to the board")
    public Uni<Response> book(@PathParam("caseId") UUID caseId, @FormParam("operatingRoomId") String operatingRoomId,
                              @FormParam("surgeonId") String surgeonId, @FormParam("start") String start,
                              @FormParam("durationMinutes") int durationMinutes, @FormParam("reason") String reason) {
        return actions.book(caseId, operatingRoomId, surgeonId, start, durationMinutes, reason, token.getRawToken())
                .map(outcome -> answer(outcome, "/"));
    }

    private static Response answer(ServiceActions.Outcome outcome, String backTo) {
        if (outcome.succeeded()) {
            return Response.seeOther(URI.create(backTo)).build();
        }
        return Response.status(outcome.status()).type(outcome.body() != null && outcome.body().startsWith("{")
                ? "application/problem+json" : MediaType.TEXT_PLAIN).entity(outcome.body()).build();
    }
}
