package dev.webhookgate.runtime.kafka;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Why Kafka cannot be used with this process's settings, as one sentence naming the likely cause and the
 * setting to look at. The one place that reads Kafka's exceptions and {@link ListenerProbe}'s answers;
 * start-up ({@link KafkaStartupCheck}, {@link TopicCheck}) and provisioning speak through it.
 *
 * <p>A wrong password, a truststore without the brokers' CA and a missing ACL each fail at once with their
 * own exception. A TLS listener spoken to in PLAINTEXT is found by the listener probe before any client
 * connects (a client would read the TLS alert as a 336 MiB response); a refused connection too. What is
 * left to a timeout is a broker that accepts connections and then says nothing useful in time.
 */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    public static String explain(Throwable failure, KafkaClientSettings kafka) {
        return explain(failure, kafka, null);
    }

    /** @param bound how long the caller waited, named in a timeout's sentence; null when it is not the start-up bound */
    static String explain(Throwable failure, KafkaClientSettings kafka, Duration bound) {
        Throwable cause = unwrap(failure);
        String where = "Kafka at " + kafka.bootstrapServers();
        if (cause instanceof IllegalSaslStateException) {
            return where + " does not expect a SASL login but KAFKA_SECURITY_PROTOCOL is " + kafka.effectiveProtocol()
                    + ": check KAFKA_SECURITY_PROTOCOL";
        }
        if (cause instanceof UnsupportedSaslMechanismException) {
            return where + " does not offer the SASL mechanism asked for: check KAFKA_SASL_MECHANISM (" + cause.getMessage() + ")";
        }
        if (cause instanceof SaslAuthenticationException) {
            return where + " refused the SASL login" + kafka.username().map(u -> " of KAFKA_SASL_USERNAME=" + u).orElse("")
                    + ": check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SASL_MECHANISM (" + cause.getMessage() + ")";
        }
        if (cause instanceof SslAuthenticationException) {
            return "The TLS handshake with " + where + " failed: check that KAFKA_SSL_TRUSTSTORE_LOCATION holds the CA that signed"
                    + " the brokers' certificates and that they name the host in KAFKA_BOOTSTRAP_SERVERS (" + rootMessage(cause) + ")";
        }
        if (cause instanceof AuthenticationException) {
            return where + " refused to authenticate this client: check KAFKA_SECURITY_PROTOCOL and the KAFKA_SASL_* and KAFKA_SSL_*"
                    + " settings (" + cause.getMessage() + ")";
        }
        if (cause instanceof AuthorizationException) {
            return where + " refused " + principal(kafka) + ": " + cause.getMessage()
                    + "; grant the ACLs listed in docs/security.md (provision applies them)";
        }
        if (cause instanceof UnknownTopicOrPartitionException) {
            return where + " has no topic this service uses: run the provision step as an admin principal to create them"
                    + " (check TOPIC_PREFIX if they exist under another name)";
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "No broker of " + where + " answered in time" + (bound == null ? "" : " (" + bound.toSeconds() + " s)")
                    + " over " + kafka.effectiveProtocol() + ": check KAFKA_BOOTSTRAP_SERVERS, the addresses the brokers advertise"
                    + " and KAFKA_SECURITY_PROTOCOL" + (bound == null ? "" : ", or raise " + KafkaStartupCheck.TIMEOUT_VARIABLE);
        }
        return where + " failed: " + cause + "; check KAFKA_CLIENT_CONFIG and the KAFKA_* settings";
    }

    /** What the listener probe found, when it alone settles the question; null when the clients must say. */
    static String explain(ListenerProbe.Result probe, KafkaClientSettings kafka) {
        boolean tls = kafka.effectiveProtocol().endsWith("SSL");
        return switch (probe.answer()) {
            case TLS -> tls ? null : "Kafka at " + probe.address() + " expects TLS but KAFKA_SECURITY_PROTOCOL is "
                    + kafka.effectiveProtocol() + ": set KAFKA_SECURITY_PROTOCOL to SSL or SASL_SSL, or point"
                    + " KAFKA_BOOTSTRAP_SERVERS at a plaintext listener";
            case KAFKA_PLAINTEXT -> !tls ? null : "Kafka at " + probe.address() + " answers without TLS but"
                    + " KAFKA_SECURITY_PROTOCOL is " + kafka.effectiveProtocol() + ": set KAFKA_SECURITY_PROTOCOL to PLAINTEXT or"
                    + " SASL_PLAINTEXT, or point KAFKA_BOOTSTRAP_SERVERS at the TLS listener";
            case CLOSED_WITHOUT_ANSWER -> tls ? null : "Kafka at " + probe.address() + " closed the connection on a plaintext"
                    + " request, so it probably expects TLS while KAFKA_SECURITY_PROTOCOL is " + kafka.effectiveProtocol()
                    + ": check KAFKA_SECURITY_PROTOCOL and the port in KAFKA_BOOTSTRAP_SERVERS";
            case NOT_KAFKA -> tls ? null : "What answers at " + probe.address() + " is not a Kafka broker: check the host and port"
                    + " in KAFKA_BOOTSTRAP_SERVERS";
            case UNREACHABLE -> "No Kafka broker answers at KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers() + " ("
                    + probe.detail() + "): check KAFKA_BOOTSTRAP_SERVERS and that the brokers are running";
            case SILENT -> null;
        };
    }

    static String principal(KafkaClientSettings kafka) {
        return kafka.username().map(u -> "User:" + u).orElse("this client");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
