package org.itpump.chassis.store;

import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list: its rows in order, and the cursor of the next page when there are more rows. Over REST the
 * body stays a JSON array of the rows; the next page is in the {@code Link} header (RFC 8288), rel="next", the
 * request's own URI with {@code cursor} replaced.
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
        return new Page<>(items.stream().<R>map(mapping).toList(), nextCursor);
    }

    /** 200 with the rows as a JSON array, and {@code Link: <uri>; rel="next"} when there is a next page. */
    public RestResponse<List<T>> answer(UriInfo uri) {
        RestResponse.ResponseBuilder<List<T>> ok = RestResponse.ResponseBuilder.ok(items);
        nextCursor.ifPresent(cursor -> ok.links(Link.fromUriBuilder(uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", cursor)).rel("next").build()));
        return ok.build();
    }
}
