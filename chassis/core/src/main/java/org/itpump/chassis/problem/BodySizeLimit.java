package org.itpump.chassis.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * A body declared (Content-Length) over {@code quarkus.http.limits.max-body-size} gets 413 as problem+json like
 * every other error. Quarkus refuses it before RESTEasy sees it, with an empty body; this route runs just ahead
 * of that check. A chunked body over the limit is still cut off by Quarkus with a bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final long DISCARD_BOUND_FACTOR = 4;
    private final long limitBytes;
    private final ObjectMapper mapper;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit,
                  ObjectMapper mapper) {
        this.limitBytes = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::refuseDeclaredOversize);
    }

    private void refuseDeclaredOversize(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        // A client waiting for "100 Continue" is left to Quarkus' own check (a bare 413 and a closed connection):
        // answering it here left java.net.http's client waiting for ever.
        boolean waitsForContinue = context.request().getHeader(HttpHeaderNames.EXPECT) != null;
        if (!waitsForContinue && exceedsLimit(declared)) {
            tooLarge(context);
            return;
        }
        context.next();
    }

    /** A missing or malformed Content-Length is left to Vert.x and Quarkus. */
    private boolean exceedsLimit(String declared) {
        if (declared == null || declared.isEmpty() || !declared.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return declared.length() > 18 || Long.parseLong(declared) > limitBytes; // 19 digits may overflow a long
    }

    private void tooLarge(RoutingContext context) {
        Problem problem = Problem.of("body-too-large", "Request body too large", 413,
                "The request body is larger than the " + limitBytes + " bytes this service accepts.",
                Problem.instance(context.request().path()), List.of());
        EarlyAnswer.send(context, mapper, problem, DISCARD_BOUND_FACTOR * limitBytes);
    }
}
