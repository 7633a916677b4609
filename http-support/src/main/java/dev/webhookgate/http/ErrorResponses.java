package dev.webhookgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import dev.webhookgate.http.server.ClientFaults;
import dev.webhookgate.http.server.HttpErrorCodes;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure to docs/api.md's {@code {"error": code, "message": sentence}} body. */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** For a service whose failures are all {@link ApiException}s already. */
    public static void install(JavalinConfig config) {
        install(config, ErrorMapping.NONE);
    }

    /** {@code mapping} is the service's one table from its own exceptions to answers; anything it does not know is a logged 500. */
    public static void install(JavalinConfig config, ErrorMapping mapping) {
        config.routes.exception(Exception.class, (e, ctx) -> mapping.resolve(e)
                .ifPresentOrElse(api -> write(ctx, api), () -> internal(ctx, ErrorMapping.unwrap(e))));
        // Javalin answers an unmatched route with its own text; a 404 a handler already wrote as JSON stays as it is.
        config.routes.error(404, "*", ctx -> {
            String contentType = ctx.res().getContentType();
            if (contentType == null || !contentType.startsWith("application/json")) {
                write(ctx, ApiException.notFound("No route for " + ctx.method() + " " + ctx.path() + "."));
            }
        });
        config.routes.error(405, "*", ctx -> write(ctx, new ApiException(405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path() + ".")));
    }

    public static void write(Context ctx, ApiException e) {
        e.headers().forEach(ctx::header);
        write(ctx, e.status(), e.code(), e.getMessage());
    }

    public static void write(Context ctx, int status, String code, String message) {
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        body.put("error", code);
        body.put("message", message);
        ctx.status(status).contentType("application/json").result(ContractJson.bytes(body));
    }

    private static void internal(Context ctx, Throwable e) {
        Optional<Integer> clientFault = ClientFaults.statusOf(e);
        if (clientFault.isPresent()) {
            // bad framing, a body that stopped arriving, a client gone: the client's doing, cheap to cause, so no stack trace
            int status = clientFault.get();
            log.debug("refused {} {}: {} ({})", ctx.method(), ctx.path(), status, e.getClass().getSimpleName());
            write(ctx, status, HttpErrorCodes.codeFor(status), HttpErrorCodes.sentenceFor(status));
            return;
        }
        log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
        write(ctx, 500, "internal_error", "The server failed to answer this request; it has been logged.");
    }
}
