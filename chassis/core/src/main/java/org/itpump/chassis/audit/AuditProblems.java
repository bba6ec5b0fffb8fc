package org.itpump.chassis.audit;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.itpump.chassis.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A change whose audit row could not be written was rolled back: 503, retry later. */
public class AuditProblems {

    private static final Logger LOG = Logger.getLogger(AuditProblems.class);

    @ServerExceptionMapper
    public Response auditUnavailable(AuditUnavailableException e, UriInfo uri) {
        LOG.errorf(e, "Change rolled back: its audit record could not be written");
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                .entity(Problem.of("audit-unavailable", "Audit unavailable", 503,
                        "The audit record of this request could not be written, so nothing was changed; retry",
                        uri == null ? null : Problem.instance(uri.getPath()), List.of())).build();
    }
}
