package dev.webhookgate.http.server;

import io.javalin.config.JavalinConfig;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;

/**
 * The HTTP layer every service shares below its routes: Jetty's own errors as the contract's JSON body
 * ({@link JsonErrorHandler}), and request bodies read without a thread, bounded in size and in time
 * ({@link RequestGate}). Install after any other {@code modifyServer} that sets the server's handler.
 */
public final class HttpHardening {

    private HttpHardening() {
    }

    /** The body limit is {@code config.http.maxRequestSize}, read when the server is built. */
    public static void install(JavalinConfig config) {
        install(config, path -> true);
    }

    /** @param routed the paths a route answers; a body sent elsewhere is not read, so the route's 404 comes first (the contract's check order) */
    public static void install(JavalinConfig config, Predicate<String> routed) {
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler());
            appendInnermost(server, new RequestGate(config.http.maxRequestSize, routed));
        });
    }

    /** Javalin puts its servlet context inside the innermost wrapper, so ours goes there, below any already set. */
    private static void appendInnermost(Server server, Handler.Wrapper chain) {
        Handler current = server.getHandler();
        if (current == null) {
            server.setHandler(chain);
            return;
        }
        if (!(current instanceof Handler.Wrapper wrapper)) {
            throw new IllegalStateException("the server's handler " + current + " is not a wrapper; install HttpHardening first");
        }
        while (wrapper.getHandler() instanceof Handler.Wrapper inner) {
            wrapper = inner;
        }
        wrapper.setHandler(chain);
    }
}
