package dev.webhookgate.bench.e2e;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How {@link TwoOfEach} spread the work, read after the load: the inbound partitions each dedup instance owns
 * and the unique partitions each order consumer owns (from the group coordinator, {@link GroupOwnership}), and
 * from each instance's own {@code /metrics}: verdict batches a dedup instance forwarded to the other
 * ({@code webhookgate_dedup_verdict_batches_forwarded_total}), deliveries it decided as owner
 * ({@code webhookgate_dedup_decisions_total}), and answers each ingest gave ({@code ingest_webhooks_total}),
 * which shows the load reached both. The counters run from launch, so they cover cold, warm-up and warm.
 */
final class Spread {

    /** The services' default group ids ({@code APPLICATION_ID}, {@code ORDERS_GROUP_ID}; TwoOfEach sets neither). */
    private static final String DEDUP_GROUP = "webhookgate-dedup";
    private static final String ORDERS_GROUP = "webhookgate-orders";

    private final String bootstrap;
    private final List<Integer> dedupPorts;
    private final List<Integer> ordersPorts;
    private final List<Integer> ingestPorts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Spread(String bootstrap, List<Integer> dedupPorts, List<Integer> ordersPorts, List<Integer> ingestPorts) {
        this.bootstrap = bootstrap;
        this.dedupPorts = dedupPorts;
        this.ordersPorts = ordersPorts;
        this.ingestPorts = ingestPorts;
    }

    static String dedupId(int instance) {
        return "dedup-" + (instance + 1);
    }

    static String ordersId(int instance) {
        return "orders-" + (instance + 1);
    }

    Map<String, Object> read() throws Exception {
        Topics topics = new Topics(Topics.DEFAULT_PREFIX);
        Map<String, GroupOwnership.Share> dedup;
        Map<String, GroupOwnership.Share> orders;
        Map<String, Object> layout = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            layout.put("inbound_partitions", admin.describeTopics(List.of(topics.inbound())).allTopicNames().get()
                    .get(topics.inbound()).partitions().size());
            dedup = GroupOwnership.read(admin, DEDUP_GROUP, topics.inbound(), ids(dedupPorts.size(), Spread::dedupId), Duration.ofSeconds(30));
            orders = GroupOwnership.read(admin, ORDERS_GROUP, topics.unique(), ids(ordersPorts.size(), Spread::ordersId), Duration.ofSeconds(30));
        }
        Map<String, Object> dedupRows = new LinkedHashMap<>();
        for (int i = 0; i < dedupPorts.size(); i++) {
            String metrics = scrape(dedupPorts.get(i));
            GroupOwnership.Share share = dedup.get(dedupId(i));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("inbound_partitions", share.partitions());
            row.put("stream_threads", share.threads());
            row.put("verdict_batches_forwarded", (long) PrometheusText.value(metrics, "webhookgate_dedup_verdict_batches_forwarded_total", ""));
            row.put("decisions", (long) PrometheusText.value(metrics, "webhookgate_dedup_decisions_total", ""));
            dedupRows.put(dedupId(i), row);
        }
        Map<String, Object> ordersRows = new LinkedHashMap<>();
        for (int i = 0; i < ordersPorts.size(); i++) {
            GroupOwnership.Share share = orders.get(ordersId(i));
            ordersRows.put(ordersId(i), Map.of("unique_partitions", share.partitions(), "consumer_threads", share.threads()));
        }
        Map<String, Object> ingestRows = new LinkedHashMap<>();
        for (int i = 0; i < ingestPorts.size(); i++) {
            ingestRows.put("ingest-" + (i + 1), Map.of("answers",
                    (long) PrometheusText.value(scrape(ingestPorts.get(i)), "ingest_webhooks_total", "")));
        }
        layout.put("dedup", dedupRows);
        layout.put("orders", ordersRows);
        layout.put("ingest", ingestRows);
        return layout;
    }

    private static List<String> ids(int instances, IntFunction<String> id) {
        return IntStream.range(0, instances).mapToObj(id).toList();
    }

    /** OPS_TOKEN is unset in {@link TwoOfEach}, so /metrics is open. */
    private String scrape(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("/metrics on " + port + " answered " + response.statusCode());
        }
        return response.body();
    }
}
