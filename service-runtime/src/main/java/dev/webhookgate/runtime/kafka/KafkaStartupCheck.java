package dev.webhookgate.runtime.kafka;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a service's process serves anything: within {@value #TIMEOUT_VARIABLE} (default 15 s), reach
 * Kafka with the service's real client settings and find the topics it uses (only those), or stop
 * start-up (exit 2) with one sentence from {@link KafkaFailures}.
 *
 * <p>First every bootstrap address gets a {@link ListenerProbe}, so a PLAINTEXT client never talks to a
 * TLS listener (Kafka's clients would read the TLS alert as a 336 MiB response and exhaust the heap), and a
 * refused connection is named as such. Then one admin client with the same settings as the service's
 * clients logs in and runs {@link TopicCheck}: that finds wrong passwords, TLS trust problems, missing ACLs
 * and missing topics.
 */
public final class KafkaStartupCheck {

    public static final String TIMEOUT_VARIABLE = "KAFKA_STARTUP_TIMEOUT";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** One address may be a black hole; the others still get their turn within the bound. */
    private static final Duration MAX_PROBE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(KafkaStartupCheck.class);

    private KafkaStartupCheck() {
    }

    /** The bound, from {@value #TIMEOUT_VARIABLE} (seconds or ISO-8601, default 15 s). */
    public static Duration timeout(Env env) {
        return env.positiveDuration(TIMEOUT_VARIABLE, DEFAULT_TIMEOUT);
    }

    /** Returns when Kafka is usable for {@code topics}; else throws a {@link ConfigException} with the sentence. */
    public static void verify(KafkaClientSettings kafka, String clientId, Collection<String> topics, Duration bound) {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        List<String> used = List.copyOf(new TreeSet<>(topics));
        probeListeners(kafka, deadline);
        Map<String, Object> props = kafka.clientConfig(clientId + "-startup-check");
        int millis = (int) Math.max(1, remaining(deadline).toMillis());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (RuntimeException e) {
            throw fail(KafkaFailures.explain(e, kafka, bound), e);
        }
        try {
            TopicCheck.require(admin, kafka, used, bound);
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
        log.info("Kafka at {} checked in {} ms: {} exist", kafka.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), String.join(", ", used));
    }

    private static void probeListeners(KafkaClientSettings kafka, long deadline) {
        List<ListenerProbe.Result> results = new ArrayList<>();
        for (String address : Arrays.stream(kafka.bootstrapServers().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            Duration left = remaining(deadline);
            ListenerProbe.Result result = ListenerProbe.probe(address, left.compareTo(MAX_PROBE) < 0 ? left : MAX_PROBE);
            results.add(result);
            // one TLS listener is enough for a plaintext client to exhaust its heap: stop at once
            if (result.answer() == ListenerProbe.Answer.TLS || result.answer() == ListenerProbe.Answer.KAFKA_PLAINTEXT) {
                String mismatch = KafkaFailures.explain(result, kafka);
                if (mismatch != null) {
                    throw fail(mismatch, null);
                }
            }
        }
        if (results.stream().anyMatch(r -> r.answer() == ListenerProbe.Answer.KAFKA_PLAINTEXT || r.answer() == ListenerProbe.Answer.TLS
                || r.answer() == ListenerProbe.Answer.SILENT)) {
            return;
        }
        // nothing usable answered: the first address's answer says why (all refused, closed, or not Kafka)
        for (ListenerProbe.Answer answer : List.of(ListenerProbe.Answer.CLOSED_WITHOUT_ANSWER, ListenerProbe.Answer.NOT_KAFKA,
                ListenerProbe.Answer.UNREACHABLE)) {
            for (ListenerProbe.Result result : results) {
                String sentence = result.answer() == answer ? KafkaFailures.explain(result, kafka) : null;
                if (sentence != null && (answer != ListenerProbe.Answer.UNREACHABLE
                        || results.stream().allMatch(r -> r.answer() == ListenerProbe.Answer.UNREACHABLE))) {
                    throw fail(sentence, null);
                }
            }
        }
        if (results.isEmpty()) {
            throw fail("KAFKA_BOOTSTRAP_SERVERS names no address", null);
        }
    }

    static ConfigException fail(String sentence, Throwable cause) {
        if (cause != null) {
            // the sentence goes to stderr; the trace only where someone asked for it
            log.debug("Kafka start-up check failed: {}", sentence, cause);
        }
        return new ConfigException(sentence);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
    }
}
