package org.itpump.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details, the body of every error answer. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, URI instance, List<String> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://itpump.org/problems/";

    public static Problem of(String slug, String title, int status, String detail, URI instance, List<String> errors) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, errors);
    }
}
