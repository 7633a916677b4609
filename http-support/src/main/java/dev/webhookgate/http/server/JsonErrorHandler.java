package dev.webhookgate.http.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (malformed request line or headers, bad framing, URL or headers too long, a body that
 * stopped arriving) in the contract's {@code {"error","message"}} body instead of Jetty's HTML page. Jetty's
 * reason is not echoed: it can quote the attacker's bytes.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        int status = HttpErrorCodes.clientStatus(code);
        write(response, status, request.getAttribute(RequestGate.MESSAGE_ATTRIBUTE) instanceof String own ? own : HttpErrorCodes.sentenceFor(status), callback);
    }

    /** The error body for {@code status}; also written directly by {@link RequestGate}, where Jetty's error path would close the connection. */
    static void write(Response response, int status, String message, Callback callback) {
        ObjectNode body = ContractJson.MAPPER.createObjectNode();
        body.put("error", HttpErrorCodes.codeFor(status));
        body.put("message", message);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(ContractJson.bytes(body)), callback);
    }
}
