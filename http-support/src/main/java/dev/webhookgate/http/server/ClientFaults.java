package dev.webhookgate.http.server;

import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;

/**
 * Failures a request's body read raises that are the client's, not ours: Jetty's framing errors (a chunk size of
 * {@code zz}, data longer than its size), the body deadline and a client that hung up. They surface in the routes
 * as exceptions from reading the body, wrapped by the servlet layer and by Javalin.
 */
public final class ClientFaults {

    private ClientFaults() {
    }

    /** The 4xx to answer, or empty when this is a fault of ours. */
    public static Optional<Integer> statusOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TimeoutException) {
                return Optional.of(408);
            }
            if (t instanceof HttpException http && http.getCode() >= 400) {
                int status = HttpErrorCodes.clientStatus(http.getCode());
                return Optional.of(status >= 500 ? 400 : status);
            }
            if (t instanceof EofException) {
                return Optional.of(400);
            }
        }
        return Optional.empty();
    }
}
