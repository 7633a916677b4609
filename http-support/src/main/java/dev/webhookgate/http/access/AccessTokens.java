package dev.webhookgate.http.access;

import java.util.Optional;
import java.util.function.Function;

/**
 * The two bearer tokens of the access model. An absent token leaves its endpoints open (the local stack);
 * deployments set both.
 *
 * @param ops      {@code OPS_TOKEN}: operator APIs, {@code /metrics}, the console
 * @param internal {@code INTERNAL_TOKEN}: dedup's {@code /internal/*}, which the ingest and peer dedup instances call
 */
public record AccessTokens(Optional<String> ops, Optional<String> internal) {

    public static final String OPS_VARIABLE = "OPS_TOKEN";
    public static final String INTERNAL_VARIABLE = "INTERNAL_TOKEN";

    public static final AccessTokens NONE = new AccessTokens(Optional.empty(), Optional.empty());

    public AccessTokens {
        ops = ops.filter(token -> !token.isBlank());
        internal = internal.filter(token -> !token.isBlank());
    }

    /** @param variables an environment lookup such as {@code Env::optional} */
    public static AccessTokens from(Function<String, Optional<String>> variables) {
        return new AccessTokens(variables.apply(OPS_VARIABLE), variables.apply(INTERNAL_VARIABLE));
    }

    /** The value of the {@code Authorization} header a caller of {@code /internal/*} sends, if a token is set ({@link InternalCaller}). */
    Optional<String> internalAuthorization() {
        return internal.map(token -> "Bearer " + token);
    }

    Optional<String> tokenFor(Access access) {
        return switch (access) {
            case OPEN -> Optional.empty();
            case OPS -> ops;
            case INTERNAL -> internal;
        };
    }

    @Override
    public String toString() {
        // never the tokens themselves: this record may end up in a log line
        return "AccessTokens[ops=" + (ops.isPresent() ? "set" : "unset") + ", internal=" + (internal.isPresent() ? "set" : "unset") + "]";
    }
}
