package dev.webhookgate.http.access;

import java.util.List;

/**
 * Which {@link Access} each path of one service needs. Health is open and {@code /internal/*} is internal on every
 * service; a service lists the paths that are public on purpose (the ingest's webhook routes); everything else is
 * an operator endpoint. Unlisted means guarded, so a route added without thought is closed, not open.
 */
public final class AccessPolicy {

    private static final List<String> HEALTH = List.of("/health/live", "/health/ready");
    private static final String INTERNAL_PREFIX = "/internal/";

    private final List<String> publicPrefixes;
    private final List<String> publicPaths;

    private AccessPolicy(List<String> publicPrefixes, List<String> publicPaths) {
        this.publicPrefixes = List.copyOf(publicPrefixes);
        this.publicPaths = List.copyOf(publicPaths);
    }

    /** dedup-streams, order-consumer, the console: nothing is public but health. */
    public static AccessPolicy operatorService() {
        return new AccessPolicy(List.of(), List.of());
    }

    /** A service whose routes under these prefixes are meant for anyone (the ingest: providers post there). */
    public static AccessPolicy withPublicPrefixes(String... prefixes) {
        return new AccessPolicy(List.of(prefixes), List.of());
    }

    /** The same policy with these exact paths open too (the console's {@code /}, which sends the browser to its pages). */
    public AccessPolicy withPublicPaths(String... paths) {
        return new AccessPolicy(publicPrefixes, java.util.stream.Stream.concat(publicPaths.stream(), java.util.Arrays.stream(paths)).toList());
    }

    public Access of(String path) {
        if (HEALTH.contains(path) || publicPaths.contains(path)) {
            return Access.OPEN;
        }
        if (path.startsWith(INTERNAL_PREFIX)) {
            return Access.INTERNAL;
        }
        for (String prefix : publicPrefixes) {
            if (path.startsWith(prefix)) {
                return Access.OPEN;
            }
        }
        return Access.OPS;
    }
}
