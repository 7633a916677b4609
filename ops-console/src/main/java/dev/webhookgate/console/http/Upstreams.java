package dev.webhookgate.console.http;

import dev.webhookgate.console.ConsoleConfig;
import dev.webhookgate.http.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The three services behind the console and the one HTTP client that calls them. A call forwards the operator's
 * {@code Authorization} header unchanged: the console holds no token of its own, so it can do nothing the operator
 * could not do with curl.
 */
public final class Upstreams {

    /** A bulk redrive of thousands of dead letters is one request; everything else answers in well under this. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(120);

    /** The services by the name the console's routes use. */
    public enum Service {
        INGEST("ingest-api"), DEDUP("dedup-streams"), ORDERS("order-consumer");

        private final String label;

        Service(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Map<Service, URI> bases;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Upstreams(Map<Service, URI> bases) {
        this.bases = Map.copyOf(bases);
    }

    public static Upstreams of(ConsoleConfig config) {
        return new Upstreams(Map.of(Service.INGEST, config.ingestUrl(), Service.DEDUP, config.dedupUrl(), Service.ORDERS, config.ordersUrl()));
    }

    /** What a service answered, passed on as it came. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    /** {@code pathAndQuery} is already percent-encoded. An unreachable service is a 502 naming it. */
    public Answer call(Service service, String method, String pathAndQuery, String authorization, byte[] body) {
        URI uri = URI.create(stripSlash(bases.get(service).toString()) + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(CALL_TIMEOUT)
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null && body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (HttpTimeoutException e) {
            throw new ApiException(504, "upstream_timeout", service.label() + " at " + bases.get(service) + " did not answer within "
                    + CALL_TIMEOUT.toSeconds() + " s.");
        } catch (IOException e) {
            throw new ApiException(502, "upstream_unavailable", service.label() + " at " + bases.get(service) + " is not reachable ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("The console was interrupted while calling " + service.label() + ".");
        }
    }

    private static String stripSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
