package dev.webhookgate.http;

import java.util.Map;

/**
 * A failure with its HTTP answer: status, the error code of docs/api.md (Errors) and a sentence for a human.
 * Thrown at the HTTP edge, by a controller refusing a request (bad parameters, an unknown route); a
 * service's domain throws its own exceptions, which its {@link ErrorMapping} turns into these.
 * {@link ErrorResponses} renders both in one place.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message, Map.of("Retry-After", "5"));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
