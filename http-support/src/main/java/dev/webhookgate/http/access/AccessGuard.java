package dev.webhookgate.http.access;

import dev.webhookgate.http.ApiException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The one bearer-token check of every service. It runs before every matched endpoint (an unmatched path stays a
 * 404) and decides from the same path Javalin matched, so no spelling of a path reaches a handler under a weaker
 * rule than the route's own.
 */
public final class AccessGuard {

    private static final String PREFIX = "Bearer ";

    private final AccessPolicy policy;
    private final Optional<byte[]> opsDigest;
    private final Optional<byte[]> internalDigest;

    public AccessGuard(AccessPolicy policy, AccessTokens tokens) {
        this.policy = policy;
        this.opsDigest = tokens.tokenFor(Access.OPS).map(AccessGuard::digest);
        this.internalDigest = tokens.tokenFor(Access.INTERNAL).map(AccessGuard::digest);
    }

    public static void install(JavalinConfig config, AccessPolicy policy, AccessTokens tokens) {
        AccessGuard guard = new AccessGuard(policy, tokens);
        config.routes.beforeMatched(guard::check);
    }

    public void check(Context ctx) {
        Access access = policy.of(ctx.path());
        Optional<byte[]> expected = switch (access) {
            case OPEN -> Optional.empty();
            case OPS -> opsDigest;
            case INTERNAL -> internalDigest;
        };
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || !matches(expected.get(), header.substring(PREFIX.length()).trim())) {
            String variable = access == Access.OPS ? AccessTokens.OPS_VARIABLE : AccessTokens.INTERNAL_VARIABLE;
            throw new ApiException(401, "unauthorized", "This endpoint needs Authorization: Bearer <" + variable + ">.",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
    }

    /** Digests of equal length compared with MessageDigest.isEqual: the time taken says nothing about the token, not even its length. */
    private static boolean matches(byte[] expectedDigest, String presented) {
        return MessageDigest.isEqual(expectedDigest, digest(presented));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
