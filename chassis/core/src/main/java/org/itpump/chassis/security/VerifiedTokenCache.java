package org.itpump.chassis.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches verified bearer tokens until they expire (issue 17): smallrye-jwt's parser (what Quarkus' MpJwtValidator
 * calls for every request) checks the RS256 signature, the issuer and the times of each token it is handed; a client
 * sends the same token with every call until it expires. This CDI decorator of {@link JWTParser} answers a token
 * verified before from memory, keyed by the raw token text: a token changed in any byte (a tampered signature or
 * claim) is another key and goes through the full verification, and a failed verification is never cached.
 * <p>
 * Never past expiry: an entry is served only while now &lt; its {@code exp} (seconds since the epoch), and while it is
 * younger than {@code mp.jwt.verify.token.age} (from {@code iat}) when that is set; after that the
 * token goes to the parser again, which refuses it (or accepts it within smallrye-jwt's configured grace, as without
 * the cache). A token without {@code exp} is not cached. Bounded: at most {@link #MAX_ENTRIES} tokens; when full,
 * expired entries are dropped, and if none were, the whole cache (it refills from verifications).
 */
@Decorator
@Priority(10)
public abstract class VerifiedTokenCache implements JWTParser {

    /** The most tokens kept (a few hundred bytes of claims each). */
    static final int MAX_ENTRIES = 10_000;

    private final Map<String, JsonWebToken> verified = new ConcurrentHashMap<>();

    @Inject
    @Delegate
    JWTParser parser;

    /** mp.jwt.verify.token.age: a token older than this (from its iat) is refused, so never served past it. */
    @Inject
    @ConfigProperty(name = "mp.jwt.verify.token.age")
    Optional<Long> maxAgeSeconds;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken cached = verified.get(token);
        long now = System.currentTimeMillis() / 1000;
        if (cached != null) {
            if (now < until(cached)) {
                return cached;
            }
            verified.remove(token, cached);
        }
        JsonWebToken fresh = parser.parse(token);
        if (until(fresh) > now) {
            if (verified.size() >= MAX_ENTRIES) {
                evict(now);
            }
            verified.put(token, fresh);
        }
        return fresh;
    }

    /** Tokens cached now (for tests). */
    public int size() {
        return verified.size();
    }

    /** Seconds since the epoch until which a verified token may be served: its exp, or iat + max age if sooner. */
    private long until(JsonWebToken token) {
        long until = token.getExpirationTime();
        if (maxAgeSeconds.isPresent() && token.getIssuedAtTime() > 0) {
            until = Math.min(until, token.getIssuedAtTime() + maxAgeSeconds.get());
        }
        return until;
    }

    private void evict(long now) {
        for (Iterator<JsonWebToken> it = verified.values().iterator(); it.hasNext(); ) {
            if (now >= until(it.next())) {
                it.remove();
            }
        }
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
    }
}
