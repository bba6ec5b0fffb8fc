package org.itpump.chassis.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A problem+json answer given by a Vert.x route before RESTEasy sees the request (the request limits: 413, 414,
 * 431). Over HTTP/1.x the connection closes after the answer, as Vert.x does for its own refusals; over HTTP/2 only
 * the stream ends.
 */
final class EarlyAnswer {

    private EarlyAnswer() {
    }

    /**
     * Answers and drops whatever body follows, up to {@code discardBoundBytes}: a client that sends its whole body
     * before reading (most do, without Expect: 100-continue) would see a reset instead of the answer if the
     * connection closed at once.
     */
    static void send(RoutingContext context, ObjectMapper mapper, Problem problem, long discardBoundBytes) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        HttpServerRequest request = context.request();
        // HTTP/2 multiplexes: only this stream ends, the connection stays (and has no Connection header).
        boolean http2 = request.version() == HttpVersion.HTTP_2;
        HttpServerResponse response = context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!http2) {
            response.putHeader(HttpHeaderNames.CONNECTION, "close");
        }
        response.end(body);
        AtomicLong discarded = new AtomicLong();
        request.handler(chunk -> {
            if (discarded.addAndGet(chunk.length()) > discardBoundBytes && !http2) {
                request.connection().close();
            }
        });
        request.endHandler(ignored -> {
            if (!http2) {
                request.connection().close();
            }
        });
        request.resume();
    }
}
