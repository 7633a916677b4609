package dev.webhookgate.http.server;

/** The contract's error code for a status the HTTP layer itself raises; one table for Jetty's errors and Javalin's. */
public final class HttpErrorCodes {

    private HttpErrorCodes() {
    }

    public static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    public static String sentenceFor(int status) {
        return switch (status) {
            case 400 -> "The request is not valid HTTP/1.1 (request line, headers or body framing).";
            case 404 -> "No such route.";
            case 405 -> "This method is not allowed here.";
            case 408 -> "The request did not arrive in time; send it again.";
            case 413 -> "The body is larger than this service accepts.";
            case 414 -> "The URL is longer than this service accepts.";
            case 431 -> "The request headers are larger than this service accepts.";
            default -> status >= 500 ? "The server failed to answer this request." : "The request was refused.";
        };
    }

    /**
     * A protocol error raised below the routes is a client's fault, never a 5xx: Jetty answers an unknown
     * transfer coding with 501 and a request line without an HTTP version with 505, which the contract says
     * are 400s like every other malformed request.
     */
    public static int clientStatus(int status) {
        return status == 501 || status == 505 ? 400 : status;
    }
}
