package org.itpump.chassis.audit;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.itpump.chassis.audit.AuditScope.AuditRequest;
import org.itpump.chassis.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records every API call (reads of patient data included, refusals included): who (name, roles, the token's sub and
 * iss), what (method, path, query string), which patients (from the path, the change, the answer), when, and the
 * outcome. Fails closed: no answer leaves without its audit row committed.
 * <ul>
 *   <li>A write whose use case runs in a Panache transaction has its row written in that transaction
 *   ({@link AuditedTransaction}): the change and its record commit together or not at all.</li>
 *   <li>Every other call (reads, refused or failed writes, writes outside a Panache transaction) has its row
 *   written here, after the answer is decided and before it is serialised, in a transaction of its own; when that
 *   fails, the answer is replaced by 503 problem+json and its body never leaves.</li>
 * </ul>
 */
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    private static final List<String> HEADERS_OF_THE_WITHHELD_ANSWER = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG,
            HttpHeaders.LAST_MODIFIED, HttpHeaders.CONTENT_LOCATION, "Link");

    private final AuditRecorder recorder;

    AuditTrail(AuditRecorder recorder) {
        this.recorder = recorder;
    }

    /** Opens the call's audit scope once the request matched its endpoint (the path parameters are known). */
    @ServerRequestFilter
    public void open(ContainerRequestContext request) {
        AuditScope.openFor(requestOf(request));
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response) {
        AuditScope scope = AuditScope.current().orElse(null);
        AuditRequest call = scope != null && scope.request != null ? scope.request : requestOf(request);
        int status = response.getStatus();
        UUID withChange = scope == null ? null : scope.recordedWithChange();
        Uni<Boolean> recorded = withChange == null ? Uni.createFrom().item(false)
                // a success answer means the change's transaction committed, its audit row with it
                : status < 400 ? Uni.createFrom().item(true) : recorder.committed(withChange);
        return recorded
                .chain(done -> done ? Uni.createFrom().voidItem()
                        : recorder.recordAlone(call, status, AuditRecorder.merged(scope, response.getEntity())))
                .onFailure().invoke(failure -> LOG.errorf(failure, "Audit record not written for %s %s; answering 503",
                        call.method(), call.path()))
                .onFailure().recoverWithItem(failure -> {
                    withhold(response, call);
                    return null;
                });
    }

    /** Replaces the answer by 503 problem+json: what the caller asked for does not leave unrecorded. */
    private static void withhold(ContainerResponseContext response, AuditRequest call) {
        HEADERS_OF_THE_WITHHELD_ANSWER.forEach(response.getHeaders()::remove);
        response.setStatus(503);
        response.getHeaders().putSingle("Retry-After", "5");
        response.setEntity(Problem.of("audit-unavailable", "Audit unavailable", 503,
                        "The audit record of this request could not be written, so nothing was answered or changed; retry",
                        Problem.instance(call.path()), List.of()),
                new Annotation[0], MediaType.valueOf(Problem.MEDIA_TYPE));
    }

    private static AuditRequest requestOf(ContainerRequestContext request) {
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        Map<String, String> parameters = new LinkedHashMap<>();
        MultivaluedMap<String, String> found = request.getUriInfo().getPathParameters();
        found.forEach((name, values) -> {
            if (!values.isEmpty()) {
                parameters.put(name, values.get(0));
            }
        });
        return new AuditRequest(request.getMethod(), request.getUriInfo().getPath(), query == null ? "" : query,
                parameters);
    }
}
