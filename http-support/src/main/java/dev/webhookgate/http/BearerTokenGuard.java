package dev.webhookgate.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Guards operator endpoints with {@code Authorization: Bearer <OPS_TOKEN>} when a token is configured. */
public final class BearerTokenGuard {

    private final Optional<byte[]> token;

    public BearerTokenGuard(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    public void check(Context ctx) {
        if (token.isEmpty() || ctx.path().startsWith("/health/")) {
            return;
        }
        String header = ctx.header("Authorization");
        String prefix = "Bearer ";
        boolean ok = header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
                && MessageDigest.isEqual(token.get(), header.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            throw new ApiException(401, "unauthorized", "This endpoint needs Authorization: Bearer <OPS_TOKEN>.",
                    java.util.Map.of("WWW-Authenticate", "Bearer"));
        }
    }
}
