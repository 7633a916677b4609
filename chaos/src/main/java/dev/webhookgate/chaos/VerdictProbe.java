package dev.webhookgate.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.utils.Utils;

/**
 * "Are verdicts back?" asked from outside: rounds of fresh deliveries through the ingest, one key on each
 * inbound partition (chosen with the producer's own partitioner), until a whole round is answered 200.
 * A 202 means the record is durable but its partition's verdict did not come in time: not back yet.
 * The probes are real deliveries, recorded with the rest and judged like them.
 */
final class VerdictProbe {

    private static final long ROUND_PAUSE_MILLIS = 200;

    private final WebhookClient client;
    private final Observations seen;
    private final String prefix;
    private final int partitions;
    private int next;

    VerdictProbe(WebhookClient client, Observations seen, String prefix, int partitions) {
        this.client = client;
        this.seen = seen;
        this.prefix = prefix;
        this.partitions = partitions;
    }

    /** Time from {@code sinceNanos} until the end of the first round answered 200 on every partition. */
    Duration awaitAll200(long sinceNanos, Duration within) {
        long deadline = sinceNanos + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (round()) {
                return Duration.ofNanos(System.nanoTime() - sinceNanos);
            }
            Pause.millis(ROUND_PAUSE_MILLIS);
        }
        throw new IllegalStateException("verdicts not back on every partition within " + within);
    }

    /** One delivery per partition at once; true when all of them were answered 200. */
    boolean round() {
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            String key = keyOn(partition);
            String body = Bodies.valid(key, next);
            seen.planned(key, Observations.Kind.VALID);
            answers.add(CompletableFuture.supplyAsync(() -> client.post(key, key, 0, body)));
        }
        boolean all200 = true;
        for (CompletableFuture<Answer> future : answers) {
            Answer answer = future.join();
            seen.record(answer);
            all200 &= answer.status() == 200;
        }
        return all200;
    }

    /** A fresh key whose record key {@code custom:<key>} the default partitioner puts on {@code partition}. */
    private String keyOn(int partition) {
        while (true) {
            String key = prefix + "-" + next++;
            byte[] recordKey = ("custom:" + key).getBytes(StandardCharsets.UTF_8);
            if (Utils.toPositive(Utils.murmur2(recordKey)) % partitions == partition) {
                return key;
            }
        }
    }
}
