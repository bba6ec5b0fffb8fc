package org.itpump.console.service;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's writes: each one is a call to the owning service's REST API with the signed-in user's own bearer
 * token, so that service checks the role, applies its rules, audits the call and publishes the event that then
 * comes back into this read model. The console never writes another service's facts itself.
 */
@ApplicationScoped
public class ServiceActions {

    /**
     * The owning service's answer: its name, status and body (problem+json on a refusal). A service that cannot be
     * reached is a 502 with a problem+json body saying which.
     */
    public record Outcome(String service, int status, String body) {
        public boolean succeeded() {
            return status >= 200 && status < 300;
        }
    }

    private final WebClient client;
    private final URI followup;
    private final URI implant;

    /**
     * @param apiCa PEM file of the CA that signs the services' API certificates (Kubernetes:
     *              /etc/itpump/api-ca/ca.crt, the cert-manager CA itpump-api-ca); absent: the JVM's default trust store
     *              (local runs call the services over plain HTTP). Host names are verified either way.
     */
    ServiceActions(Vertx vertx, @ConfigProperty(name = "itpump.console.followup-url") URI followup,
                   @ConfigProperty(name = "itpump.console.implant-url") URI implant,
                   @ConfigProperty(name = "itpump.console.api-ca") Optional<String> apiCa) {
        WebClientOptions options = new WebClientOptions().setVerifyHost(true);
        apiCa.filter(path -> !path.isBlank())
                .ifPresent(path -> options.setTrustOptions(new PemTrustOptions().addCertPath(path)));
        this.client = WebClient.create(vertx, options);
        this.followup = followup;
        this.implant = implant;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** followup-service {@code POST /escalations/{id}/acknowledgement}: the acknowledging clinician is the token's. */
    public Uni<Outcome> acknowledgeEscalation(UUID escalationId, String bearerToken) {
        return client.postAbs(followup.resolve("/escalations/" + escalationId + "/acknowledgement").toString())
                .bearerTokenAuthentication(bearerToken).send()
                .map(response -> outcome("followup-service", response))
                .onFailure().recoverWithItem(failure -> unreachable("followup-service", failure));
    }

    /**
     * implant-service {@code POST /implant-cases/{id}/booking} (a first booking) or, with a reason,
     * {@code PUT /implant-cases/{id}/booking} (a new slot: SIU S13). implant-service publishes implant.scheduled or
     * implant.rescheduled, which moves the case on this board.
     *
     * @param start RFC 3339 with offset; {@code reason} null or blank for a first booking
     */
    public Uni<Outcome> book(UUID caseId, String operatingRoomId, String surgeonId, String start, int durationMinutes,
                             String reason, String bearerToken) {
        JsonObject body = new JsonObject().put("operatingRoomId", operatingRoomId).put("surgeonId", surgeonId)
                .put("start", start).put("durationMinutes", durationMinutes);
        String url = implant.resolve("/implant-cases/" + caseId + "/booking").toString();
        boolean reschedule = reason != null && !reason.isBlank();
        var request = reschedule ? client.putAbs(url) : client.postAbs(url);
        if (reschedule) {
            body.put("reason", reason);
        }
        return request.bearerTokenAuthentication(bearerToken).sendJsonObject(body)
                .map(response -> outcome("implant-service", response))
                .onFailure().recoverWithItem(failure -> unreachable("implant-service", failure));
    }

    private static Outcome outcome(String service, HttpResponse<Buffer> response) {
        return new Outcome(service, response.statusCode(), response.bodyAsString());
    }

    private static Outcome unreachable(String service, Throwable failure) {
        return new Outcome(service, 502, new JsonObject().put("type", "about:blank").put("title", "Bad Gateway")
                .put("status", 502).put("detail", service + " could not be reached: " + failure.getMessage()).encode());
    }
}
