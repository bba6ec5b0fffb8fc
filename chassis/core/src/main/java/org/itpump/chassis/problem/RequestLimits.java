package org.itpump.chassis.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * A request line over {@code quarkus.http.limits.max-initial-line-length} (default 4096 characters) gets 414, and
 * header lines over {@code quarkus.http.limits.max-header-size} in total (default 20 KiB; one huge header or many
 * small ones) get 431, both as problem+json like every other error.
 * <p>
 * Vert.x refuses such requests itself, with an empty body, before any route runs, and Quarkus offers no hook on
 * that refusal (the server's invalid-request handler is not reachable). So the HTTP/1.x decoder reads up to
 * {@value #DECODER_CEILING_FACTOR} times those limits, and this route, the first to see the request, enforces the
 * configured limits with a problem+json answer. A request over even the decoder's ceiling (e.g. a 4096 x 32 =
 * 131,072-character request line) still gets Vert.x's bare 414 or 431 and a closed connection.
 */
@ApplicationScoped
public class RequestLimits implements HttpServerOptionsCustomizer {

    static final int DECODER_CEILING_FACTOR = 32;
    private static final long DISCARD_BOUND_BYTES = 1024 * 1024;
    private final int maxRequestLine;
    private final int maxHeaderBytes;
    private final ObjectMapper mapper;

    RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096") int maxRequestLine,
                  @ConfigProperty(name = "quarkus.http.limits.max-header-size", defaultValue = "20K") MemorySize maxHeaderSize,
                  ObjectMapper mapper) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBytes = (int) Math.min(Integer.MAX_VALUE / DECODER_CEILING_FACTOR, maxHeaderSize.asLongValue());
        this.mapper = mapper;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        raiseDecoderCeiling(options);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        raiseDecoderCeiling(options);
    }

    private void raiseDecoderCeiling(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.max(options.getMaxInitialLineLength(), maxRequestLine * DECODER_CEILING_FACTOR));
        options.setMaxHeaderSize(Math.max(options.getMaxHeaderSize(), maxHeaderBytes * DECODER_CEILING_FACTOR));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::refuseOverLimit);
    }

    private void refuseOverLimit(RoutingContext context) {
        HttpServerRequest request = context.request();
        int requestLine = requestLineLength(request);
        if (requestLine > maxRequestLine) {
            // The path itself is not echoed: the answer should not be as large as the refused request.
            EarlyAnswer.send(context, mapper, Problem.of("uri-too-long", "Request line too long", 414,
                    "The request line has " + requestLine + " characters; this service accepts at most " + maxRequestLine
                            + ". Send fewer or shorter query parameters.", null, List.of()), DISCARD_BOUND_BYTES);
            return;
        }
        long headerBytes = headerBytes(request);
        if (headerBytes > maxHeaderBytes) {
            EarlyAnswer.send(context, mapper, Problem.of("header-fields-too-large", "Request header fields too large", 431,
                    "The request's " + request.headers().size() + " header lines take " + headerBytes
                            + " bytes; this service accepts at most " + maxHeaderBytes + " in total.",
                    Problem.instance(request.path()), List.of()), DISCARD_BOUND_BYTES);
            return;
        }
        context.next();
    }

    /** "GET /trials?status=PASSED HTTP/1.1": as Netty's decoder counts it (without the line end). */
    static int requestLineLength(HttpServerRequest request) {
        return request.method().name().length() + 1 + request.uri().length() + 1 + "HTTP/1.1".length();
    }

    /** "Name: value" per header line, as Netty's decoder counts them (without the line ends). */
    static long headerBytes(HttpServerRequest request) {
        long total = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            total += header.getKey().length() + 2L + header.getValue().length();
        }
        return total;
    }
}
