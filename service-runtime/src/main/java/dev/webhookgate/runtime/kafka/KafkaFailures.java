package dev.webhookgate.runtime.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * What a failed call to Kafka at start-up means, as one sentence naming the setting to look at. A wrong
 * password, a truststore without the brokers' CA and a missing ACL each fail at once with their own
 * exception; only an unreachable broker (or a TLS listener spoken to in PLAINTEXT) shows as a timeout.
 * The one place that reads those exceptions; the start-up checks extend it rather than read them again.
 */
public final class KafkaFailures {

    private KafkaFailures() {
    }

    public static String explain(Throwable failure, KafkaClientSettings kafka) {
        Throwable cause = unwrap(failure);
        String where = "Kafka at " + kafka.bootstrapServers();
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
            return where + " refused " + kafka.username().map(u -> "User:" + u).orElse("this client") + ": " + cause.getMessage()
                    + "; grant the ACLs listed in docs/security.md (provision applies them)";
        }
        if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "No broker of " + where + " answered in time over " + kafka.effectiveProtocol() + ": check KAFKA_BOOTSTRAP_SERVERS and"
                    + " KAFKA_SECURITY_PROTOCOL (a TLS listener spoken to in PLAINTEXT never answers)";
        }
        return where + " failed: " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof ExecutionException && cause.getCause() != null) {
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
