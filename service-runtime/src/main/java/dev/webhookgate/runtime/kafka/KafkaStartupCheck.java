package dev.webhookgate.runtime.kafka;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a service serves anything: within a bounded time, reach Kafka with the service's real client
 * settings and find the topics it uses (only those), or stop start-up with one sentence naming the likely
 * cause and the variable to check.
 *
 * <p>First every bootstrap address gets a {@link ListenerProbe}, so a PLAINTEXT client never talks to a
 * TLS listener (Kafka's clients would read the TLS alert as a 336 MiB response and exhaust the heap), and a
 * refused connection is named as such. Then one admin client with the same settings as the service's
 * clients logs in and describes the topics: that finds wrong passwords, TLS trust problems, missing ACLs
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

    /** Returns when Kafka is usable for {@code topics}; else throws with the sentence. */
    public static void verify(Properties clientProperties, Collection<String> topics, Duration bound) {
        KafkaProblem.Target target = KafkaProblem.Target.of(clientProperties);
        long deadline = System.nanoTime() + bound.toNanos();
        long started = System.nanoTime();
        probeListeners(target, deadline);
        checkTopics(clientProperties, target, List.copyOf(new TreeSet<>(topics)), bound, deadline);
        log.info("Kafka at {} checked in {} ms: topics {} exist", target.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), String.join(", ", new TreeSet<>(topics)));
    }

    private static void probeListeners(KafkaProblem.Target target, long deadline) {
        List<ListenerProbe.Result> results = new ArrayList<>();
        for (String address : Arrays.stream(target.bootstrapServers().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            Duration left = remaining(deadline);
            ListenerProbe.Result result = ListenerProbe.probe(address, left.compareTo(MAX_PROBE) < 0 ? left : MAX_PROBE);
            results.add(result);
            // one TLS listener is enough for a plaintext client to exhaust its heap: stop at once
            if (!target.usesTls() && result.answer() == ListenerProbe.Answer.TLS) {
                throw fail(KafkaProblem.speaksTls(target, address), null);
            }
            if (target.usesTls() && result.answer() == ListenerProbe.Answer.KAFKA_PLAINTEXT) {
                throw fail(KafkaProblem.speaksPlaintext(target, address), null);
            }
        }
        if (results.stream().anyMatch(r -> r.answer() == ListenerProbe.Answer.KAFKA_PLAINTEXT || r.answer() == ListenerProbe.Answer.SILENT)) {
            return;
        }
        if (results.isEmpty() || results.stream().allMatch(r -> r.answer() == ListenerProbe.Answer.UNREACHABLE)) {
            String detail = results.isEmpty() ? "no address given" : results.get(0).detail();
            throw fail(KafkaProblem.unreachable(target, detail), null);
        }
        ListenerProbe.Result closed = results.stream().filter(r -> r.answer() == ListenerProbe.Answer.CLOSED_WITHOUT_ANSWER)
                .findFirst().orElse(null);
        if (closed != null && !target.usesTls()) {
            throw fail(KafkaProblem.closedOnPlaintext(target, closed.address()), null);
        }
        ListenerProbe.Result other = results.stream().filter(r -> r.answer() == ListenerProbe.Answer.NOT_KAFKA).findFirst().orElse(null);
        if (other != null && !target.usesTls()) {
            throw fail(KafkaProblem.notKafka(other.address()), null);
        }
        // a TLS client meeting a TLS listener (its answer to plaintext is TLS or a close): the handshake below decides
    }

    private static void checkTopics(Properties clientProperties, KafkaProblem.Target target, List<String> topics, Duration bound,
                                    long deadline) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        int millis = (int) Math.max(1, remaining(deadline).toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientProperties.getProperty(CommonClientConfigs.CLIENT_ID_CONFIG, "webhookgate")
                + "-startup-check");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (RuntimeException e) {
            throw fail(KafkaProblem.classify(e, target, bound), e);
        }
        try {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
            List<String> missing = new ArrayList<>();
            List<String> denied = new ArrayList<>();
            for (String topic : topics) {
                try {
                    described.get(topic).get(Math.max(1, remaining(deadline).toMillis()), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        missing.add(topic);
                    } else if (e.getCause() instanceof TopicAuthorizationException) {
                        denied.add(topic);
                    } else {
                        throw fail(KafkaProblem.classify(e, target, bound), e);
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw fail(KafkaProblem.classify(e, target, bound), e);
                }
            }
            if (!denied.isEmpty()) {
                throw fail(KafkaProblem.topicsDenied(target, denied), null);
            }
            if (!missing.isEmpty()) {
                throw fail(KafkaProblem.topicsMissing(target, missing), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaStartupException(new KafkaProblem(KafkaProblem.Cause.OTHER, "interrupted while checking Kafka"));
        } finally {
            admin.close(Duration.ofSeconds(1));
        }
    }

    private static KafkaStartupException fail(KafkaProblem problem, Throwable cause) {
        if (cause != null) {
            // the sentence goes to stderr; the trace only where someone asked for it
            log.debug("Kafka start-up check failed: {}", problem.sentence(), cause);
        }
        return new KafkaStartupException(problem);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), deadline - System.nanoTime()));
    }

    /** Start-up stops with the sentence, as for any bad setting (exit code 2). */
    public static final class KafkaStartupException extends ConfigException {
        private final transient KafkaProblem problem;

        KafkaStartupException(KafkaProblem problem) {
            super(problem.sentence());
            this.problem = problem;
        }

        public KafkaProblem problem() {
            return problem;
        }
    }
}
