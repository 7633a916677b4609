package dev.webhookgate.http.access;

import java.net.http.HttpRequest;
import java.util.Optional;

/** What a caller of dedup's {@code /internal/*} adds to each request: {@code INTERNAL_TOKEN} as a bearer token, when one is set. */
public final class InternalCaller {

    private final Optional<String> authorization;

    public InternalCaller(AccessTokens tokens) {
        this.authorization = tokens.internalAuthorization();
    }

    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }
}
