package org.itpump.testing;

import io.restassured.response.Response;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a paged list endpoint the way a client does: the first page, then each {@code Link rel="next"}. */
public final class Pages {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private Pages() {
    }

    /** The next page's absolute URI from the Link header, or null on the last page. */
    public static String nextLink(Response page) {
        String link = page.header("Link");
        if (link == null) {
            return null;
        }
        Matcher next = NEXT.matcher(link);
        return next.find() ? next.group(1) : null;
    }

    /**
     * Follows every next link from the first page; returns the rows of all pages in order. Checks each page is 200,
     * at most {@code limit} rows, full except the last, and that no row (by {@code idField}) comes twice.
     */
    public static List<Map<String, Object>> all(Supplier<Response> firstPage, int limit, String idField) {
        return all(firstPage, limit, row -> row.get(idField));
    }

    /** The same, for rows whose identity is more than one field. */
    public static List<Map<String, Object>> all(Supplier<Response> firstPage, int limit,
                                                Function<Map<String, Object>, Object> idOf) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Response page = firstPage.get();
        while (true) {
            page.then().statusCode(200).contentType("application/json");
            List<Map<String, Object>> items = page.jsonPath().getList("$");
            assertTrue(items.size() <= limit, "page of " + items.size() + " rows over the limit " + limit);
            rows.addAll(items);
            String next = nextLink(page);
            if (next == null) {
                break;
            }
            assertEquals(limit, items.size(), "only the last page may be short");
            page = given().urlEncodingEnabled(false).when().get(next);
        }
        List<Object> ids = rows.stream().map(idOf).toList();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "a row listed twice: " + ids);
        return rows;
    }

    /**
     * Runs {@code reads} with every request carrying a break-glass reason (header X-Break-Glass-Reason), next-page
     * requests included: for tests that page through a whole list, which needs no filter then (issue 14).
     */
    public static <T> T withBreakGlass(Supplier<T> reads) {
        io.restassured.RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader(org.itpump.chassis.breakglass.BreakGlass.HEADER, "test: page through the whole list").build();
        try {
            return reads.get();
        } finally {
            io.restassured.RestAssured.requestSpecification = null;
        }
    }

    /** The ids of the rows, in order. */
    public static List<Object> ids(List<Map<String, Object>> rows, String idField) {
        return rows.stream().map(row -> row.get(idField)).toList();
    }

    /** A page answered without a next link is the last one. */
    public static void assertLast(Response page) {
        assertNull(nextLink(page));
    }
}
