package dev.webhookgate.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.orders.mapping.Effect;
import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.orders.mapping.PoisonEventException;
import dev.webhookgate.contract.WebhookEnvelope;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ops console in a real headless Chromium (Debian's chromium + chromium-driver) against the whole local stack
 * with {@code OPS_TOKEN} set: sign in, the overview's numbers are the APIs' numbers, a key is looked up and
 * forgotten, and a dead letter is redriven after a "mapping fix" and shows up applied in the ledger view. Each view
 * is saved as a screenshot under {@code target/console-screenshots/}. Where Chromium cannot start the test fails
 * under {@code CI=true} and is skipped (reported as such) elsewhere.
 */
class ConsoleBrowserTest {

    private static final String TOKEN = "console-test-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SHOTS = Path.of("target", "console-screenshots");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HeldMapping mapping = new HeldMapping();
    private LocalStack stack;
    private WebDriver browser;

    @BeforeEach
    void start(@TempDir Path dir) throws IOException {
        browser = chromium(dir.resolve("chromium-profile"));
        String runId = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Env env = new Env(Map.of("DATA_DIR", dir.resolve("data").toString(), "KAFKA_PORT", "0", "INGEST_PORT", "0", "DEDUP_PORT", "0",
                "ORDERS_PORT", "0", "CONSOLE_PORT", "0", "OPS_TOKEN", TOKEN, "TOPIC_PREFIX", runId, "APPLICATION_ID", runId + "-dedup"));
        stack = LocalStack.start(LocalStackOptions.parse(new String[0], env), mapping).awaitReady();
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anOperatorSignsInChecksTheNumbersLooksUpAKeyForgetsItAndRedrivesADeadLetter() throws IOException {
        String key = "550e8400-e29b-41d4-a716-" + UUID.randomUUID().toString().substring(24);
        JsonNode ack = webhook("whatsapp/webhook", key, "{\"From\":\"whatsapp:+9779800000000\",\"Body\":\"Order 10 apples\"}");
        webhook("whatsapp/webhook", key, "{\"From\":\"whatsapp:+9779800000000\",\"Body\":\"Order 10 apples\"}");
        webhook("whatsapp/webhook", key, "{\"From\":\"whatsapp:+9779800000000\",\"Body\":\"Order 11 apples\"}");
        webhook("webhooks/stripe", "evt_paid_1", "{\"id\":\"evt_paid_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":"
                + "{\"id\":\"pi_1\",\"amount\":2500,\"amount_received\":2500,\"currency\":\"usd\"}}}");
        webhook("webhooks/custom", "held-1", "{\"type\":\"payment.succeeded\",\"amount\":4200,\"currency\":\"eur\",\"hold\":true}");
        await().atMost(WAIT).until(() -> ops(stack.ordersPort(), "/api/v1/dlq").path("total").asInt() == 1
                && ops(stack.ordersPort(), "/api/v1/ledger/balance").path("accounts").size() == 2);

        browser.get("http://127.0.0.1:" + stack.consolePort() + "/");
        visible("token").sendKeys("not-the-token");
        visible("token").submit();
        assertThat(visibleText("login-error")).contains("token was not accepted");
        visible("token").clear();
        visible("token").sendKeys(TOKEN);
        visible("token").submit();

        JsonNode stats = ops(stack.dedupPort(), "/api/v1/idempotency/stats");
        waitForText("stat-active", number(stats.get("active_keys")));
        assertThat(text("stat-total")).isEqualTo(number(stats.get("total_keys")));
        assertThat(text("stat-duplicates")).isEqualTo(number(stats.get("duplicates_dropped")));
        assertThat(text("stat-conflicts")).isEqualTo(number(stats.get("conflicts"))).isEqualTo("1");
        waitForText("stat-dlq", "1");
        assertThat(visibleText("balanced")).isEqualTo("balanced");
        assertThat(visibleText("balances")).contains("cash").contains("sales").contains("25.00");
        await().atMost(WAIT).untilAsserted(() -> assertThat(visibleText("lag")).contains(stack.ordersGroupId()));
        screenshot("overview");

        browser.get("http://127.0.0.1:" + stack.consolePort() + "/ui/#keys");
        new Select(visible("key-provider")).selectByVisibleText("whatsapp");
        visible("key-value").sendKeys(key);
        visible("key-value").submit();
        waitForText("store", ack.get("event_id").asText());
        assertThat(visibleText("store")).contains("Duplicates 1");
        waitForText("processed", "applied");
        screenshot("key-lookup");
        visible("forget").click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        waitForText("forget-result", "Forgotten");
        assertThat(visibleText("store-empty")).contains("Not in the store");
        assertThat(status(stack.dedupPort(), "/api/v1/idempotency/keys/whatsapp/" + key)).isEqualTo(404);

        browser.get("http://127.0.0.1:" + stack.consolePort() + "/ui/#duplicates");
        waitForText("duplicates-table", key);
        WebElement first = browser.findElement(By.cssSelector("#duplicates-table tbody tr"));
        assertThat(first.getText()).startsWith("conflict");
        screenshot("duplicates");

        browser.get("http://127.0.0.1:" + stack.consolePort() + "/ui/#dlq");
        waitForText("dlq-table", "held-1");
        assertThat(visibleText("dlq-table")).contains("held for the test");
        screenshot("dead-letters");
        mapping.fix();
        browser.findElement(By.cssSelector("#dlq-table button[data-redrive]")).click();
        waitForText("dlq-result", "held-1: applied");
        waitForText("dlq-table", "No dead letters match");

        browser.get("http://127.0.0.1:" + stack.consolePort() + "/ui/#keys");
        new Select(visible("key-provider")).selectByVisibleText("custom");
        visible("key-value").clear();
        visible("key-value").sendKeys("held-1");
        visible("key-value").submit();
        waitForText("processed", "applied");
        screenshot("redriven-in-ledger");
        assertThat(ops(stack.ordersPort(), "/api/v1/processed/custom/held-1").get("outcome").asText()).isEqualTo("applied");
        assertThat(ops(stack.ordersPort(), "/api/v1/payments").get("payments").get(0).get("amount").asLong()).isEqualTo(4200);
    }

    /** The real mapping, with one bug deployed: a JSON body with the field {@code hold} is poison until {@link #fix()}. */
    static final class HeldMapping implements EventMapping {
        private final EventMapper real = new EventMapper();
        private volatile boolean fixed;

        void fix() {
            fixed = true;
        }

        @Override
        public Effect map(WebhookEnvelope envelope) {
            if (!fixed && envelope.body().contains("\"hold\"")) {
                throw new PoisonEventException("held for the test until the mapping fix is deployed");
            }
            return real.map(envelope);
        }
    }

    private static WebDriver chromium(Path profile) {
        String binary = System.getenv().getOrDefault("CHROMIUM_BINARY", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        try {
            if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
                throw new WebDriverException("no " + binary + " or " + driver + " (apt-get install chromium chromium-driver)");
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1440,1000",
                    "--user-data-dir=" + profile.toAbsolutePath());
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but Chromium cannot start: " + e.getMessage(), e);
            }
            Assumptions.abort("Chromium cannot start here, so the browser test does not run: " + e.getMessage());
            throw e;
        }
    }

    private WebElement visible(String id) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private String visibleText(String id) {
        return visible(id).getText();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private void waitForText(String id, String expected) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), expected));
    }

    private void screenshot(String view) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(view + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String number(JsonNode value) {
        return String.format(java.util.Locale.US, "%,d", value.asLong());
    }

    private JsonNode webhook(String route, String key, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.ingestPort() + "/api/v1/" + route))
                .header("X-Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(10)).build();
        return ContractJson.tree(send(request).body().getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode ops(int port, String path) {
        HttpResponse<String> response = send(opsRequest(port, path));
        return ContractJson.tree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    private int status(int port, String path) {
        return send(opsRequest(port, path)).statusCode();
    }

    private static HttpRequest opsRequest(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(10)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
