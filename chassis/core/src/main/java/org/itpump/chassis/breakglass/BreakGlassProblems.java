package org.itpump.chassis.breakglass;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.itpump.chassis.problem.Problem;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The answers of {@link BreakGlass}, as problem+json. */
public class BreakGlassProblems {

    private static final Logger LOG = Logger.getLogger(BreakGlassProblems.class);

    /** 400 {@code filter-required}: errors lists each accepted filter. */
    @ServerExceptionMapper
    public Response filterRequired(FilterRequiredException e, UriInfo uri) {
        return answer(Problem.of("filter-required", "List filter required", 400, e.getMessage(),
                Problem.instance(uri.getPath()), e.accepted()));
    }

    /** 503 {@code break-glass-not-recorded}: the read ran but its record did not commit, so nothing is answered. */
    @ServerExceptionMapper
    public Response notRecorded(BreakGlassNotRecordedException e, UriInfo uri) {
        LOG.errorf(e.getCause(), "BREAK-GLASS read of %s refused: its record was not written", uri.getPath());
        return answer(Problem.of("break-glass-not-recorded", "Break-glass read not recorded", 503, e.getMessage(),
                Problem.instance(uri.getPath()), java.util.List.of()));
    }

    private static Response answer(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
