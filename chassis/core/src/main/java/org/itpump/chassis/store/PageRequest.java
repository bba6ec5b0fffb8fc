package org.itpump.chassis.store;

import jakarta.ws.rs.QueryParam;
import org.itpump.chassis.problem.InvalidParameterException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ?limit=&cursor=} of a list endpoint, taken as a {@code @BeanParam}. {@code limit} is the page size:
 * {@value #DEFAULT_LIMIT} when absent, 1 to {@value #MAX_LIMIT} when given (anything else is 400). {@code cursor}
 * is opaque to clients: they copy it from the {@code Link: <...>; rel="next"} header of the previous page. Inside,
 * it names the last row of that page, so the next page starts right after it (keyset paging: no row is listed
 * twice or skipped when rows are added meanwhile).
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final String CURSOR_PREFIX = "after:";

    @QueryParam("limit")
    Integer limit;

    @QueryParam("cursor")
    String cursor;

    public PageRequest() {
    }

    private PageRequest(Integer limit, String cursor) {
        this.limit = limit;
        this.cursor = cursor;
    }

    /** For callers that are not REST resources; a null limit is the default. */
    public static PageRequest of(Integer limit, String cursor) {
        return new PageRequest(limit, cursor);
    }

    /** Checks both parameters; 400 problem+json naming the one that is wrong. */
    public PageRequest validated() {
        limit();
        after();
        return this;
    }

    public int limit() {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /** The id of the last row of the previous page, or empty for the first page. */
    public Optional<UUID> after() {
        if (cursor == null) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(CURSOR_PREFIX) || decoded.length() != CURSOR_PREFIX.length() + 36) {
                throw new IllegalArgumentException(decoded);
            }
            return Optional.of(UUID.fromString(decoded.substring(CURSOR_PREFIX.length())));
        } catch (IllegalArgumentException notOurs) {
            throw new InvalidParameterException("cursor", "is not a cursor this service gave out; copy it from the "
                    + "Link header of the previous page");
        }
    }

    static String cursorAfter(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + lastId).getBytes(StandardCharsets.UTF_8));
    }
}
