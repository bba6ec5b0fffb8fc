package org.itpump.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://itpump.org/problems/";

    /**
     * The request path as the problem's instance. A decoded path may hold characters URI syntax does not allow
     * (GET /trials/a%20b arrives as "/trials/a b"): they are quoted, so describing an error never fails itself.
     */
    public static URI instance(String path) {
        try {
            return path == null ? null : new URI(null, null, path, null);
        } catch (URISyntaxException unquotable) {
            return null;
        }
    }

    public static Problem of(String slug, String title, int status, String detail, URI instance, List<String> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, errors);
    }
}
