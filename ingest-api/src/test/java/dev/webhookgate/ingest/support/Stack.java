package dev.webhookgate.ingest.support;

import dev.webhookgate.fixture.TestHttp;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.DedupService;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.IngestService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** A real dedup-streams and a real ingest on one broker and one topic prefix, started and closed together. */
public final class Stack implements AutoCloseable {

    public static final int PARTITIONS = 3;

    private final String bootstrapServers;
    private final Topics topics;
    private final Path dataDir;
    private final String applicationId = "ingest-test-" + UUID.randomUUID();
    private DedupService dedup;
    private int dedupPort;
    private IngestService ingest;
    private TestHttp http;

    private Stack(String bootstrapServers, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        try {
            this.dataDir = Files.createTempDirectory("ingest-test-dedup-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both services; {@code ingestEnv} adds or overrides the ingest's variables (secrets, limits). */
    public static Stack start(String bootstrapServers, Topics topics, String... ingestEnv) {
        Stack stack = new Stack(bootstrapServers, topics);
        try {
            stack.startDedup();
            stack.startIngest(stack.dedupUrl(), ingestEnv);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Only the ingest, asking a dedup-streams at {@code dedupUrl} that may not be running. */
    public static Stack ingestOnly(String bootstrapServers, Topics topics, String dedupUrl, String... ingestEnv) {
        Stack stack = new Stack(bootstrapServers, topics);
        stack.startIngest(dedupUrl, ingestEnv);
        return stack;
    }

    public void startDedup() {
        Map<String, String> vars = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "TOPIC_PREFIX", topics.prefix(),
                "APPLICATION_ID", applicationId,
                "DATA_DIR", dataDir.toString(),
                "DEDUP_PORT", String.valueOf(dedupPort),
                "TOPIC_PARTITIONS", String.valueOf(PARTITIONS),
                "TOPIC_REPLICATION_FACTOR", "1"));
        dedup = DedupService.start(DedupConfig.from(new Env(vars)));
        // a restarted dedup-streams comes back where the ingest looks for it
        dedupPort = dedup.port();
        await().atMost(Duration.ofSeconds(60)).until(dedup::isReady);
    }

    public void stopDedup() {
        if (dedup != null) {
            dedup.close();
            dedup = null;
        }
    }

    public String dedupUrl() {
        return "http://127.0.0.1:" + dedupPort;
    }

    private void startIngest(String dedupUrl, String... ingestEnv) {
        Map<String, String> vars = new HashMap<>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "TOPIC_PREFIX", topics.prefix(),
                "DEDUP_URL", dedupUrl,
                "INGEST_PORT", "0"));
        for (int i = 0; i < ingestEnv.length; i += 2) {
            vars.put(ingestEnv[i], ingestEnv[i + 1]);
        }
        ingest = IngestService.start(IngestConfig.from(new Env(vars)));
        http = TestHttp.to(ingest.port());
    }

    public IngestService ingest() {
        return ingest;
    }

    public TestHttp http() {
        return http;
    }

    public Topics topics() {
        return topics;
    }

    public TopicReader reader(String topic) {
        return new TopicReader(bootstrapServers, topic);
    }

    @Override
    public void close() {
        if (ingest != null) {
            ingest.close();
        }
        stopDedup();
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
