package org.itpump.local;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The next page of a paged list endpoint: its {@code Link: <uri>; rel="next"} header (RFC 8288). */
public final class NextPage {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    private NextPage() {
    }

    /** The next page's URI, or null on the last page. */
    public static String of(HttpResponse<?> response) {
        return response.headers().allValues("Link").stream().map(NEXT::matcher).filter(Matcher::find)
                .map(next -> next.group(1)).findFirst().orElse(null);
    }
}
