package dev.webhookgate.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a dedup-streams instance holds active partitions, asked from outside: its
 * {@code /internal/v1/stats/local} answer counts the keys of its active stores only (standbys are not asked).
 * A failover measured by killing an instance that held nothing active would measure nothing.
 */
final class ActiveShare {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private ActiveShare() {
    }

    /**
     * Keys decided in the instance's active partitions; -1 when it did not answer 200 within {@code within}
     * (it answers 503 while its tasks are being assigned or restored, so it is asked again each second).
     */
    static long totalKeys(ServiceProcess dedup, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        do {
            long keys = askOnce(dedup);
            if (keys >= 0) {
                return keys;
            }
            Pause.millis(1000);
        } while (System.nanoTime() < deadline);
        return -1;
    }

    private static long askOnce(ServiceProcess dedup) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(dedup.url("/internal/v1/stats/local"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("total_keys").asLong(-1) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
