package dev.webhookgate.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends a {@link Schedule} over {@code connections} keep-alive connections and records what came back.
 *
 * <p>Closed loop by default: each connection sends its next delivery when the previous answer is in, as
 * providers' delivery workers do, and the run measures the system's capacity. Latency in a closed loop
 * hides the queueing a stalled system would cause (coordinated omission), so with {@code ratePerSecond > 0}
 * the generator runs open loop instead: delivery i is due at {@code start + i / rate}, and its latency
 * counts from when it was due, not from when a connection got round to it. The open loop is the one to
 * quote latencies from; the closed loop the one to quote capacity from.
 */
public final class LoadGenerator {

    /** What one run saw. {@code acceptedPerSecond[s]} counts 2xx answers in second s after {@code origin}. */
    public record Result(long sent, long accepted, long queued202, long rejected, long failed, double seconds,
                         Histogram latencyMicros, long[] acceptedPerSecond, Set<String> acceptedKeys, Map<Integer, Long> statuses) {

        public double acceptedPerSecondMean() {
            return seconds <= 0 ? 0 : accepted / seconds;
        }
    }

    private final HttpClient client;
    private final int connections;

    public LoadGenerator(int connections) {
        this.connections = connections;
        // One sender thread per connection and a bounded executor for the client's own work: JDK 17's client
        // otherwise starts a thread per response on 2 CPUs (the same trap docs/ingest-design.md describes).
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(2, r -> daemon(r, "load-client")))
                .build();
    }

    /**
     * Connection c sends to {@code targets[c % n]}, so the connections (and, closed loop, the load) split evenly
     * over several front doors, as a round-robin load balancer in front of several ingest instances would; one
     * target is the single-ingest case. Deliveries still go out in schedule order, so a retry can land on
     * another instance than its first delivery, as it does behind a balancer.
     *
     * @param origin nanoTime the per-second curve counts from (the system's launch, for the cold-start curve)
     * @param ratePerSecond 0 for closed loop
     */
    public Result run(List<URI> targets, Schedule schedule, long origin, double ratePerSecond, Duration maxDuration) throws InterruptedException {
        var deliveries = schedule.deliveries();
        AtomicInteger next = new AtomicInteger();
        Recorder recorder = new Recorder(3_600_000_000L, 3);
        int seconds = (int) Math.max(1, (System.nanoTime() - origin) / 1_000_000_000L + maxDuration.toSeconds() + 60);
        AtomicLongArray perSecond = new AtomicLongArray(seconds);
        Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long[] counts = new long[5]; // sent, accepted, 202, rejected, failed (guarded by synchronized below)
        long start = System.nanoTime();
        long deadline = start + maxDuration.toNanos();
        ExecutorService senders = Executors.newFixedThreadPool(connections, r -> daemon(r, "load-sender"));
        for (int c = 0; c < connections; c++) {
            URI target = targets.get(c % targets.size());
            senders.submit(() -> {
                while (true) {
                    int i = next.getAndIncrement();
                    if (i >= deliveries.size() || System.nanoTime() > deadline) {
                        return null;
                    }
                    long due = ratePerSecond > 0 ? start + (long) (i * 1e9 / ratePerSecond) : System.nanoTime();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    Schedule.Delivery d = deliveries.get(i);
                    HttpRequest request = HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Idempotency-Key", d.key())
                            .POST(HttpRequest.BodyPublishers.ofString(d.body()))
                            .build();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (java.io.IOException e) {
                        status = -1;
                    }
                    long done = System.nanoTime();
                    recorder.recordValue(Math.max(1, (done - due) / 1_000));
                    statuses.merge(status, 1L, Long::sum);
                    synchronized (counts) {
                        counts[0]++;
                        if (status >= 200 && status < 300) {
                            counts[1]++;
                            if (status == 202) {
                                counts[2]++;
                            }
                        } else if (status > 0 && status < 500) {
                            counts[3]++;
                        } else {
                            counts[4]++;
                        }
                    }
                    if (status >= 200 && status < 300) {
                        acceptedKeys.add(d.key());
                        int second = (int) ((done - origin) / 1_000_000_000L);
                        if (second >= 0 && second < perSecond.length()) {
                            perSecond.incrementAndGet(second);
                        }
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(maxDuration.toSeconds() + 120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] curve = new long[perSecond.length()];
        int last = 0;
        for (int s = 0; s < curve.length; s++) {
            curve[s] = perSecond.get(s);
            if (curve[s] > 0) {
                last = s;
            }
        }
        long[] trimmed = java.util.Arrays.copyOf(curve, last + 1);
        synchronized (counts) {
            return new Result(counts[0], counts[1], counts[2], counts[3], counts[4], elapsed, recorder.getIntervalHistogram(),
                    trimmed, Set.copyOf(acceptedKeys), Map.copyOf(statuses));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
