package dev.webhookgate.ingest.publish;

import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Readiness: can we reach a broker right now. The answer is cached briefly so that a load balancer polling
 * hard does not turn into a request per poll against the cluster.
 */
public final class BrokerProbe implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofMillis(1000);
    private static final Duration CACHE = Duration.ofMillis(1000);

    private final Admin admin;
    private String lastProblem = "not probed yet";
    private long lastProbeNanos;
    private boolean probed;

    public BrokerProbe(KafkaClientSettings kafka) {
        Map<String, Object> props = kafka.clientConfig("ingest-api-probe");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(props);
    }

    /** Null when a broker answered, else a sentence saying what failed. */
    public synchronized String problem() {
        if (probed && System.nanoTime() - lastProbeNanos < CACHE.toNanos()) {
            return lastProblem;
        }
        lastProblem = probe();
        lastProbeNanos = System.nanoTime();
        probed = true;
        return lastProblem;
    }

    private String probe() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 200, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException | TimeoutException e) {
            return "Kafka is not reachable: " + (e.getCause() == null ? e : e.getCause()).getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing Kafka";
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
