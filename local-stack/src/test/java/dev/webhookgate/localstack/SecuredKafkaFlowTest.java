package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.webhookgate.fixture.CommittedRecords;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Topics;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.dedup.DedupService;
import dev.webhookgate.fixture.BrokerMode;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.fixture.TlsMaterial;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.ingest.IngestService;
import dev.webhookgate.orders.OrdersConfig;
import dev.webhookgate.orders.OrdersService;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import dev.webhookgate.runtime.kafka.Provision;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The seed's flow on a broker secured as a managed cluster is: SASL_SSL only, SCRAM users, ACLs enforced
 * with nothing allowed by default. The provision step runs as the admin and grants the ACLs of
 * docs/security.md; then each service runs as its own principal with exactly those rights.
 */
class SecuredKafkaFlowTest {

    private static final String SEED_BODY = "{\"From\": \"whatsapp:+9779800000000\", \"Body\": \"Order 10 apples\"}";
    private static final String RUN = "sec" + UUID.randomUUID().toString().substring(0, 8);
    private static final Topics TOPICS = new Topics(RUN);

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.secured(BrokerMode.IN_PROCESS, "ingest", "dedup", "orders", "ops");

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private static PrintStream originalErr;
    private static Path dataDir;
    private static DedupService dedup;
    private static OrdersService orders;
    private static IngestService ingest;

    @BeforeAll
    static void provisionAndStartEachServiceAsItsOwnPrincipal() throws Exception {
        dataDir = Files.createTempDirectory("secured-flow-");
        String provisioned = Provision.from(env("admin").with("PROVISION_PRINCIPALS",
                "ingest=User:ingest,dedup=User:dedup,orders=User:orders,ops=User:ops").with("TOPIC_PARTITIONS", "2")).run();
        assertThat(provisioned).contains("ACLs granted to");

        // everything the services log while they start and serve, to look for passwords in
        originalErr = System.err;
        System.setErr(new PrintStream(new TeeStream(originalErr, log), true, StandardCharsets.UTF_8));
        dedup = DedupService.start(DedupConfig.from(env("dedup").with("DEDUP_PORT", "0")));
        orders = OrdersService.start(OrdersConfig.from(env("orders").with("ORDERS_PORT", "0")));
        ingest = IngestService.start(IngestConfig.from(env("ingest").with("INGEST_PORT", "0")
                .with("DEDUP_URL", "http://127.0.0.1:" + dedup.port())));
        await().atMost(Duration.ofSeconds(120)).until(() -> dedup.isReady() && orders.isReady() && ingest.isReady());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable service : new AutoCloseable[] {ingest, orders, dedup}) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                e.printStackTrace(originalErr);
            }
        }
        if (originalErr != null) {
            System.setErr(originalErr);
        }
        dev.webhookgate.fixture.Directories.deleteRecursively(dataDir);
    }

    @Test
    void theSeedsFlowRunsWithThreePrincipalsAndOpsReadsTheAuditTrail() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postSeed(key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> retry = postSeed(key);
            assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(retry.body()).isEqualTo(first.body());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(ordersFor(key)).hasSize(1));
        assertThat(ordersFor(key).get(0).path("lines").get(0).path("sku").asText()).isEqualTo("apples");
        assertThat(CommittedRecords.read(settings("admin"), TOPICS.unique(), new StringDeserializer(), Duration.ofSeconds(30)))
                .extracting(r -> r.key()).containsExactly("whatsapp:" + key);
        // the console's principal may read duplicates: the five retries are there
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                CommittedRecords.read(settings("ops"), TOPICS.duplicates(), new StringDeserializer(), Duration.ofSeconds(30)))
                .filteredOn(r -> r.key().equals("whatsapp:" + key)).hasSize(5));
    }

    @Test
    void theIngestsPrincipalIsRefusedReadingUnique() {
        Map<String, Object> props = settings("ingest").clientConfig("snoop");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPICS.unique(), 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(TOPICS.unique(), 0)));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(TOPICS.unique());
        }
        // and it may append to inbound only: it cannot even see the dead letters
        assertThatThrownBy(() -> CommittedRecords.read(settings("ingest"), TOPICS.dlq(), new StringDeserializer(), Duration.ofSeconds(10)))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void aWrongPasswordStopsStartUpWithinSecondsWithASentence() {
        Env wrong = env("ingest").with("KAFKA_SASL_PASSWORD", "not-the-password").with("INGEST_PORT", "0");
        // a bound, not a timing: a hang (the default client would retry for minutes) fails here
        ConfigException refused = assertTimeoutPreemptively(Duration.ofSeconds(45),
                () -> expectConfigException(() -> IngestService.start(IngestConfig.from(wrong))));
        assertThat(refused.getMessage()).contains("refused the SASL login of KAFKA_SASL_USERNAME=ingest", "KAFKA_SASL_PASSWORD")
                .doesNotContain("not-the-password");
    }

    @Test
    void aTruststoreWithoutTheBrokersCaStopsStartUpWithinSecondsWithASentence() throws Exception {
        TlsMaterial foreign = TlsMaterial.generate(Files.createTempDirectory(dataDir, "foreign-ca"));
        Env wrong = env("orders").with("KAFKA_SSL_TRUSTSTORE_LOCATION", foreign.truststore().toString())
                .with("KAFKA_SSL_TRUSTSTORE_PASSWORD", foreign.password()).with("ORDERS_PORT", "0");
        ConfigException refused = assertTimeoutPreemptively(Duration.ofSeconds(45),
                () -> expectConfigException(() -> OrdersService.start(OrdersConfig.from(wrong))));
        assertThat(refused.getMessage()).startsWith("The TLS handshake with Kafka at " + kafka.bootstrapServers() + " failed")
                .contains("KAFKA_SSL_TRUSTSTORE_LOCATION");
    }

    @Test
    void noPasswordAppearsInTheLogsOrTheConfigRoute() throws Exception {
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ingest.port() + "/api/v1/idempotency/config")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        String logged = log.toString(StandardCharsets.UTF_8);
        // the start-up lines name how each service reaches Kafka, so the capture did see them
        assertThat(logged).contains("SASL SCRAM-SHA-512 as ingest", "SASL SCRAM-SHA-512 as dedup", "SASL SCRAM-SHA-512 as orders");
        for (String user : List.of("admin", "ingest", "dedup", "orders", "ops")) {
            String password = kafka.broker().security().password(user);
            assertThat(logged).as("logs").doesNotContain(password);
            assertThat(config.body()).as("config route").doesNotContain(password);
        }
        assertThat(logged).doesNotContain(kafka.broker().security().tls().password());
    }

    @Test
    void provisionRunAgainChangesNothingAndAServicesPrincipalMayNotProvision() throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = kafka.broker().admin()) {
            var before = admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get();
            Provision.from(env("admin").with("PROVISION_PRINCIPALS", "ingest=User:ingest,dedup=User:dedup,orders=User:orders,ops=User:ops")
                    .with("TOPIC_PARTITIONS", "2")).run();
            assertThat(admin.describeAcls(org.apache.kafka.common.acl.AclBindingFilter.ANY).values().get())
                    .containsExactlyInAnyOrderElementsOf(before);
        }
        Env asIngest = env("ingest").with("TOPIC_PREFIX", RUN + "x");
        assertThatThrownBy(() -> Provision.from(asIngest).run()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("refused User:ingest");
    }

    private static ConfigException expectConfigException(Runnable start) {
        try {
            start.run();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("start-up did not fail");
    }

    private static Env env(String user) {
        Map<String, String> vars = new HashMap<>(kafka.broker().clientEnv(user));
        vars.putAll(Map.of("TOPIC_PREFIX", RUN, "APPLICATION_ID", RUN + "-dedup", "ORDERS_GROUP_ID", RUN + "-orders",
                "DATA_DIR", dataDir.resolve(user).toString()));
        return new Env(vars);
    }

    private static KafkaClientSettings settings(String user) {
        return KafkaClientSettings.from(env(user));
    }

    private static HttpResponse<String> postSeed(String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingest.port() + "/api/v1/whatsapp/webhook"))
                .header("X-Idempotency-Key", key).header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(SEED_BODY)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> ordersFor(String key) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + orders.port() + "/api/v1/orders"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> matching = new java.util.ArrayList<>();
        ContractJson.tree(response.body().getBytes(StandardCharsets.UTF_8)).path("orders").forEach(order -> {
            if (key.equals(order.path("idempotency_key").asText())) {
                matching.add(order);
            }
        });
        return matching;
    }

    /** Writes to the real stderr and to the capture. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final java.io.OutputStream second;

        TeeStream(java.io.OutputStream first, java.io.OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
