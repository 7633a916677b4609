package dev.webhookgate.dedup.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.webhookgate.contract.DedupKey;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.verdict.VerdictItem;
import dev.webhookgate.contract.verdict.VerdictProtocol;
import dev.webhookgate.contract.verdict.VerdictResponseCodec;
import dev.webhookgate.dedup.http.DedupErrors;
import dev.webhookgate.dedup.topology.DedupEntry;
import dev.webhookgate.http.ApiException;
import dev.webhookgate.http.access.AccessTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Another instance played by the JDK's HTTP server, answering what a test tells it to. Whatever goes wrong with
 * the peer fails the forwarded items with the answer {@link DedupErrors} gives them (the verdict controller's
 * per-item status), never the whole batch.
 */
class PeerClientTest {

    private static final byte[] BATCH = """
            {"wait_ms":0,"queries":[]}""".getBytes(StandardCharsets.UTF_8);
    private static final DedupKey KEY = new DedupKey(Provider.STRIPE, "evt_1");

    private final PeerClient client = new PeerClient(new SimpleMeterRegistry(), new AccessTokens(Optional.empty(), Optional.of("s3cret")));
    /** What the peer was asked, by header name (lower case) and the request's path and query under "path". */
    private final Map<String, String> asked = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer peer;
    private volatile int status;
    private volatile String body;
    private volatile boolean hangs;

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        peer.setExecutor(Executors.newCachedThreadPool());
        peer.createContext("/", this::answer);
        peer.start();
    }

    @AfterEach
    void stopPeer() {
        released.countDown();
        peer.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        asked.put("path", exchange.getRequestURI().toString());
        exchange.getRequestHeaders().forEach((name, values) -> asked.put(name.toLowerCase(), values.get(0)));
        if (hangs) {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void peerAnswers(int status, String body) {
        this.status = status;
        this.body = body;
    }

    private HostInfo owner() {
        return new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    /** The item answer the verdict controller writes for a forwarded item that failed this way. */
    private static ApiException itemAnswer(CompletableFuture<?> call) throws Exception {
        // the failure as the controller's exceptionally() sees it
        Throwable error = call.handle((value, failure) -> failure).get(20, TimeUnit.SECONDS);
        assertThat(error).as("the call's failure").isNotNull();
        return DedupErrors.MAPPING.resolve(error).orElseThrow(() -> new AssertionError("not mapped to an answer", error));
    }

    private ApiException forwardedItemAnswer() throws Exception {
        return itemAnswer(client.verdicts(owner(), BATCH, 1, Duration.ofMillis(100)));
    }

    @Test
    void aForwardedBatchIsMarkedForwardedCarriesTheTokenAndReadsTheOwnersVerdicts() throws Exception {
        VerdictItem found = new VerdictItem.Found("stripe", "evt_1", "0193a5c2-7d1e-7000-8000-000000000001",
                "2026-11-28T10:00:00.000Z", "a".repeat(64), 1, 7);
        peerAnswers(200, new String(VerdictResponseCodec.write(List.of(found)), StandardCharsets.UTF_8));

        List<VerdictItem> verdicts = client.verdicts(owner(), BATCH, 1, Duration.ofMillis(100)).get(20, TimeUnit.SECONDS);

        assertThat(verdicts).containsExactly(found);
        assertThat(asked).containsEntry("path", VerdictProtocol.PATH)
                .containsEntry(VerdictProtocol.FORWARDED_HEADER.toLowerCase(), "1")
                .containsEntry("authorization", "Bearer s3cret");
    }

    @Test
    void aPeerThatIsDownMakesEachForwardedItemA503NamingIt() throws Exception {
        HostInfo down = owner();
        peer.stop(0);

        ApiException answer = itemAnswer(client.verdicts(down, BATCH, 1, Duration.ofMillis(100)));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo("unavailable");
        assertThat(answer.getMessage()).startsWith("Instance 127.0.0.1:" + down.port() + " did not answer");
    }

    /** Any error of the owner's is "could not answer" (503), with its own message; only its 504 is passed on as one. */
    @ParameterizedTest(name = "the owner''s {0} is the item''s {1} {2}")
    @CsvSource({
            "500, 503, unavailable",
            "503, 503, unavailable",
            "504, 504, verdict_timeout"})
    void aPeersErrorIsTheItemsAnswerWithThePeersOwnMessage(int peerStatus, int itemStatus, String itemCode) throws Exception {
        peerAnswers(peerStatus, """
                {"error":"whatever","message":"The store has not reached offset 7 of webhooks.inbound-1."}""");

        ApiException answer = forwardedItemAnswer();

        assertThat(answer.status()).isEqualTo(itemStatus);
        assertThat(answer.code()).isEqualTo(itemCode);
        assertThat(answer.getMessage()).isEqualTo("The store has not reached offset 7 of webhooks.inbound-1.");
    }

    @Test
    void aPeersErrorWithoutAJsonBodyIsA503NamingThePeerAndItsStatus() throws Exception {
        peerAnswers(502, "<html>Bad Gateway</html>");

        ApiException answer = forwardedItemAnswer();

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).isEqualTo("Instance 127.0.0.1:" + owner().port() + " answered 502.");
    }

    @Test
    void aPeerThatDoesNotAnswerInTimeMakesEachForwardedItemA503() throws Exception {
        hangs = true;
        peerAnswers(200, "{}");

        // the call waits the asked-for wait plus 2 s for the owner's own answer, then gives up on it
        ApiException answer = itemAnswer(client.verdicts(owner(), BATCH, 1, Duration.ZERO));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.getMessage()).contains("did not answer");
    }

    @Test
    void anEntryIsAskedForAtItsPartitionAndPositionAndReadBack() throws Exception {
        DedupEntry entry = new DedupEntry("0193a5c2-7d1e-7000-8000-000000000001", Instant.parse("2026-11-28T10:00:00.000Z"),
                "b".repeat(64), 1, 7, 2, Instant.parse("2026-11-28T10:05:00.000Z"), 9);
        peerAnswers(200, EntryJson.write(entry).toString());

        Optional<DedupEntry> read = client.entry(owner(), KEY, 1, Optional.of(new PositionMark("webhooks.inbound", 1, 7)),
                Duration.ofMillis(250)).get(20, TimeUnit.SECONDS);

        assertThat(read).contains(entry);
        assertThat(asked.get("path")).isEqualTo(PeerClient.ENTRIES_PATH
                + "stripe/evt_1?partition=1&wait_ms=250&position_topic=webhooks.inbound&offset=7");
    }

    @Test
    void anEntryThePeerDoesNotHoldIsEmptyAndAnErrorIsUnreachable() throws Exception {
        peerAnswers(404, """
                {"error":"not_found","message":"No entry."}""");
        assertThat(client.entry(owner(), KEY, 1, Optional.empty(), Duration.ZERO).get(20, TimeUnit.SECONDS)).isEmpty();

        peerAnswers(503, """
                {"error":"unavailable","message":"Rebalancing."}""");
        assertThat(itemAnswer(client.entry(owner(), KEY, 1, Optional.empty(), Duration.ZERO)).getMessage()).isEqualTo("Rebalancing.");
    }

    @Test
    void localStatsAreThePeersJson() throws Exception {
        peerAnswers(200, """
                {"total_keys":3}""");
        assertThat(client.localStats(owner()).get(20, TimeUnit.SECONDS).path("total_keys").asLong()).isEqualTo(3);
        assertThat(asked).containsEntry("path", PeerClient.LOCAL_STATS_PATH);

        peerAnswers(500, "");
        assertThat(itemAnswer(client.localStats(owner())).status()).isEqualTo(503);
    }
}
