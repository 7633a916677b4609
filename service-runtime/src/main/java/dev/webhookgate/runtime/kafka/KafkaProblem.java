package dev.webhookgate.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.IllegalSaslStateException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;

/**
 * Why Kafka cannot be used with this process's settings, as one sentence that names the likely cause and
 * the variable to check. The one place that turns what a Kafka client or a {@link ListenerProbe} reports
 * into words; start-up and readiness both speak through it.
 *
 * @param cause    the kind of problem, for tests and metrics
 * @param sentence what an operator reads: the cause and the variable to check, never a password
 */
public record KafkaProblem(Cause cause, String sentence) {

    /** The causes a new user meets most, each with its own sentence. */
    public enum Cause {
        WRONG_PROTOCOL,
        TLS_FAILURE,
        AUTHENTICATION_FAILURE,
        AUTHORIZATION_FAILURE,
        TOPIC_MISSING,
        BROKER_UNREACHABLE,
        NOT_KAFKA,
        NO_ANSWER,
        OTHER
    }

    /** What the sentences name: where the client connects and as whom. */
    record Target(String bootstrapServers, String protocol, Optional<String> saslMechanism, Optional<String> username) {

        private static final Pattern USERNAME = Pattern.compile("username\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

        static Target of(Properties clientProperties) {
            String protocol = clientProperties.getProperty(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
            Optional<String> mechanism = Optional.ofNullable(clientProperties.getProperty(SaslConfigs.SASL_MECHANISM));
            Optional<String> user = Optional.ofNullable(clientProperties.get(SaslConfigs.SASL_JAAS_CONFIG))
                    .map(Object::toString)
                    .map(USERNAME::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1));
            return new Target(String.valueOf(clientProperties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                    protocol.toUpperCase(java.util.Locale.ROOT), mechanism, user);
        }

        boolean usesTls() {
            return protocol.equals("SSL") || protocol.equals("SASL_SSL");
        }

        boolean usesSasl() {
            return protocol.startsWith("SASL_");
        }

        String principal() {
            return username.map(u -> "user \"" + u + "\"").orElse("this service's principal");
        }
    }

    static KafkaProblem speaksTls(Target target, String address) {
        return new KafkaProblem(Cause.WRONG_PROTOCOL, "Kafka at " + address + " expects TLS but KAFKA_SECURITY_PROTOCOL is "
                + target.protocol() + ": set KAFKA_SECURITY_PROTOCOL to SSL or SASL_SSL, or point KAFKA_BOOTSTRAP_SERVERS at a"
                + " plaintext listener.");
    }

    static KafkaProblem closedOnPlaintext(Target target, String address) {
        return new KafkaProblem(Cause.WRONG_PROTOCOL, "Kafka at " + address + " closed the connection on a plaintext request,"
                + " so it probably expects TLS while KAFKA_SECURITY_PROTOCOL is " + target.protocol()
                + ": check KAFKA_SECURITY_PROTOCOL and the port in KAFKA_BOOTSTRAP_SERVERS.");
    }

    static KafkaProblem speaksPlaintext(Target target, String address) {
        return new KafkaProblem(Cause.WRONG_PROTOCOL, "Kafka at " + address + " answers without TLS but KAFKA_SECURITY_PROTOCOL is "
                + target.protocol() + ": set KAFKA_SECURITY_PROTOCOL to PLAINTEXT or SASL_PLAINTEXT, or point"
                + " KAFKA_BOOTSTRAP_SERVERS at the TLS listener.");
    }

    static KafkaProblem unreachable(Target target, String detail) {
        return new KafkaProblem(Cause.BROKER_UNREACHABLE, "No Kafka broker answers at KAFKA_BOOTSTRAP_SERVERS="
                + target.bootstrapServers() + " (" + detail + "): check KAFKA_BOOTSTRAP_SERVERS and that the brokers are running.");
    }

    static KafkaProblem notKafka(String address) {
        return new KafkaProblem(Cause.NOT_KAFKA, "What answers at " + address + " is not a Kafka broker: check the host and port"
                + " in KAFKA_BOOTSTRAP_SERVERS.");
    }

    static KafkaProblem topicsMissing(Target target, Collection<String> topics) {
        return new KafkaProblem(Cause.TOPIC_MISSING, (topics.size() == 1 ? "Topic " : "Topics ") + String.join(", ", topics)
                + (topics.size() == 1 ? " does" : " do") + " not exist on Kafka at " + target.bootstrapServers()
                + (topics.size() == 1 ? ": create it" : ": create them") + " with the provision step, or check TOPIC_PREFIX.");
    }

    static KafkaProblem topicsDenied(Target target, Collection<String> topics) {
        return new KafkaProblem(Cause.AUTHORIZATION_FAILURE, "Kafka's ACLs do not let " + target.principal() + " describe "
                + String.join(", ", topics) + ": grant this service's ACLs (docs/security.md) or check KAFKA_SASL_USERNAME.");
    }

    /** Turns what a client threw (the cause of an ExecutionException, or the exception itself) into its sentence. */
    static KafkaProblem classify(Throwable thrown, Target target, Duration bound) {
        Throwable error = rootKafkaError(thrown);
        if (error instanceof SslAuthenticationException) {
            return new KafkaProblem(Cause.TLS_FAILURE, "The TLS handshake with Kafka at " + target.bootstrapServers()
                    + " failed (" + tlsReason(error) + "): check that KAFKA_SSL_TRUSTSTORE_LOCATION holds the CA that signed the"
                    + " brokers' certificates, and KAFKA_SSL_KEYSTORE_LOCATION where the brokers require client certificates.");
        }
        if (error instanceof IllegalSaslStateException) {
            return new KafkaProblem(Cause.WRONG_PROTOCOL, "Kafka at " + target.bootstrapServers() + " does not expect a SASL login"
                    + " but KAFKA_SECURITY_PROTOCOL is " + target.protocol() + ": check KAFKA_SECURITY_PROTOCOL.");
        }
        if (error instanceof UnsupportedSaslMechanismException) {
            return new KafkaProblem(Cause.AUTHENTICATION_FAILURE, "Kafka at " + target.bootstrapServers() + " does not offer the"
                    + " SASL mechanism " + target.saslMechanism().orElse("asked for") + ": check KAFKA_SASL_MECHANISM.");
        }
        if (error instanceof AuthenticationException) {
            return new KafkaProblem(Cause.AUTHENTICATION_FAILURE, "Kafka at " + target.bootstrapServers() + " refused the login of "
                    + target.principal() + target.saslMechanism().map(m -> " with " + m).orElse("")
                    + ": check KAFKA_SASL_PASSWORD, KAFKA_SASL_USERNAME and KAFKA_SASL_MECHANISM.");
        }
        if (error instanceof AuthorizationException) {
            return new KafkaProblem(Cause.AUTHORIZATION_FAILURE, "Kafka's ACLs refused " + target.principal() + " ("
                    + error.getMessage() + "): grant this service's ACLs (docs/security.md) or check KAFKA_SASL_USERNAME.");
        }
        if (error instanceof UnknownTopicOrPartitionException) {
            return new KafkaProblem(Cause.TOPIC_MISSING, "A topic this service uses does not exist on Kafka at "
                    + target.bootstrapServers() + ": create the topics with the provision step, or check TOPIC_PREFIX.");
        }
        if (error instanceof TimeoutException || error instanceof java.util.concurrent.TimeoutException) {
            return new KafkaProblem(Cause.NO_ANSWER, "Kafka at " + target.bootstrapServers() + " did not answer within "
                    + bound.toSeconds() + " s: check KAFKA_BOOTSTRAP_SERVERS (and the addresses the brokers advertise),"
                    + " KAFKA_SECURITY_PROTOCOL, or raise KAFKA_STARTUP_TIMEOUT.");
        }
        return new KafkaProblem(Cause.OTHER, "Kafka at " + target.bootstrapServers() + " could not be used (" + error
                + "): check KAFKA_CLIENT_CONFIG and the KAFKA_* settings.");
    }

    private static Throwable rootKafkaError(Throwable thrown) {
        Throwable error = thrown;
        while ((error instanceof java.util.concurrent.ExecutionException || error instanceof java.util.concurrent.CompletionException)
                && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** The innermost message names the TLS failure ("PKIX path building failed", "Received fatal alert"). */
    private static String tlsReason(Throwable error) {
        Throwable inner = error;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner.getMessage() == null ? inner.getClass().getSimpleName() : inner.getMessage();
        return message.length() > 160 ? message.substring(0, 160) + "..." : message;
    }
}
