package dev.webhookgate.runtime.kafka;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * How this process reaches Kafka: the one place every producer, consumer, admin client and Kafka Streams
 * instance of every service takes its connection and security settings from, read once from the
 * environment. {@link #toString()} names what is configured and never shows a password.
 *
 * <p>Precedence: the file named by {@code KAFKA_CLIENT_CONFIG} is the base (for what has no variable of
 * its own: OAUTHBEARER, AWS MSK IAM, PEM stores); a {@code KAFKA_*} variable that is set wins over the
 * same key in the file; {@code security.protocol} falls back to {@code PLAINTEXT} only when neither says.
 *
 * @param clientConfig the properties of {@code KAFKA_CLIENT_CONFIG}, empty without one
 */
public record KafkaClientSettings(
        String bootstrapServers,
        Optional<SecurityProtocol> protocol,
        Optional<SaslLogin> sasl,
        Optional<Store> truststore,
        Optional<Store> keystore,
        Optional<Path> clientConfigFile,
        Map<String, String> clientConfig) {

    /** The values of {@code KAFKA_SECURITY_PROTOCOL}, spelled as Kafka spells them. */
    public enum SecurityProtocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        boolean usesSasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean usesTls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The values of {@code KAFKA_SASL_MECHANISM}, each with the login module Kafka's clients use for it. */
    public enum SaslMechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        SaslMechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return kafkaName;
        }

        static Optional<SaslMechanism> named(String name) {
            return Arrays.stream(values()).filter(m -> m.kafkaName.equalsIgnoreCase(name)).findFirst();
        }
    }

    /** A SASL user; the password stays out of {@link #toString()}. */
    public record SaslLogin(SaslMechanism mechanism, String username, String password) {
        public SaslLogin {
            Objects.requireNonNull(mechanism, "mechanism");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        /** Quoted as the JAAS parser reads a quoted string, so a password with {@code "} or {@code \} survives. */
        String jaasConfig() {
            return mechanism.loginModule + " required username=\"" + jaasQuoted(username) + "\" password=\"" + jaasQuoted(password) + "\";";
        }

        private static String jaasQuoted(String value) {
            return value.replace("\\", "\\\\").replace("\"", "\\\"");
        }

        @Override
        public String toString() {
            return mechanism.kafkaName + " as " + username;
        }
    }

    /** A trust or key store; the password stays out of {@link #toString()}. */
    public record Store(Path location, Optional<String> password) {
        public Store {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return location.toString();
        }
    }

    /** The reconnect backoff grows to this, from Kafka's 50 ms. */
    static final long MAX_BACKOFF_MS = 5_000;

    public KafkaClientSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientConfig = Map.copyOf(clientConfig);
    }

    /** No security at all: what tests and the local stack's embedded broker use. */
    public static KafkaClientSettings plaintext(String bootstrapServers) {
        return new KafkaClientSettings(bootstrapServers, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of());
    }

    /** Reads and checks the {@code KAFKA_*} variables; a bad combination is a sentence naming the variable. */
    public static KafkaClientSettings from(Env env) {
        return KafkaSettingsReader.read(env);
    }

    /** A copy with the given user, for a process that connects as more than one principal (the local stack). */
    public KafkaClientSettings as(SaslLogin login) {
        return new KafkaClientSettings(bootstrapServers, protocol, Optional.of(login), truststore, keystore, clientConfigFile, clientConfig);
    }

    /** A copy reaching other brokers with the same security, for a launcher that learns the address late. */
    public KafkaClientSettings withBootstrapServers(String servers) {
        return new KafkaClientSettings(servers, protocol, sasl, truststore, keystore, clientConfigFile, clientConfig);
    }

    /**
     * The connection and security properties every client starts from, with {@code client.id} set. Kafka Streams
     * passes these unprefixed keys on to each client it makes (its producers, consumers, restore consumer and admin).
     */
    public Properties clientProperties(String clientId) {
        Properties props = new Properties();
        // Under a persistent fault a client reconnects to a broker every second by default, each attempt a WARN line
        // per client: backing off to 5 s keeps a log readable and costs at most seconds once the broker is back.
        // Request retries (retry.backoff.max.ms) stay at Kafka's 1 s: at 5 s a Streams transaction answered
        // CONCURRENT_TRANSACTIONS a few times in a row would wait seconds for its next try, and every verdict with it.
        // KAFKA_CLIENT_CONFIG may set either.
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, MAX_BACKOFF_MS);
        props.putAll(clientConfig);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (protocol.isPresent() || !clientConfig.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
            props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.orElse(SecurityProtocol.PLAINTEXT).name());
        }
        sasl.ifPresent(login -> {
            props.put(SaslConfigs.SASL_MECHANISM, login.mechanism().kafkaName());
            props.put(SaslConfigs.SASL_JAAS_CONFIG, login.jaasConfig());
        });
        truststore.ifPresent(store -> {
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, store.location().toString());
            store.password().ifPresent(p -> props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, p));
        });
        keystore.ifPresent(store -> {
            props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, store.location().toString());
            store.password().ifPresent(p -> {
                props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, p);
                // a store made by keytool or openssl has one password for the store and its key
                props.putIfAbsent(SslConfigs.SSL_KEY_PASSWORD_CONFIG, p);
            });
        });
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    /**
     * The base of a Kafka Streams configuration: the same keys without {@code client.id}, which Streams would
     * use as the prefix of every internal client's id; without it each instance names them after
     * {@code application.id} and its own process id, so two instances never share a client id.
     */
    public Properties streamsProperties() {
        Properties props = clientProperties("");
        props.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        return props;
    }

    /** The same as a map, for the clients whose factories take one ({@code Admin.create}, {@code new KafkaProducer}). */
    public Map<String, Object> clientConfig(String clientId) {
        Map<String, Object> map = new TreeMap<>();
        clientProperties(clientId).forEach((k, v) -> map.put((String) k, v));
        return map;
    }

    public String effectiveProtocol() {
        return protocol.map(Enum::name).orElse(clientConfig.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
    }

    /** The principal this process authenticates as, when it says so itself; for messages. */
    public Optional<String> username() {
        return sasl.map(SaslLogin::username);
    }

    /** One line for the start-up log: what is configured, never a secret (file values only by key). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Kafka ").append(bootstrapServers).append(" over ").append(effectiveProtocol());
        sasl.ifPresent(login -> text.append(", SASL ").append(login));
        truststore.ifPresent(store -> text.append(", truststore ").append(store));
        keystore.ifPresent(store -> text.append(", keystore ").append(store));
        clientConfigFile.ifPresent(file -> text.append(", ").append(file).append(" setting ")
                .append(clientConfig.keySet().stream().sorted().collect(Collectors.joining(", "))));
        return text.toString();
    }

    /** Loads {@code KAFKA_CLIENT_CONFIG}; kept here so that only this type ever holds the file's values. */
    static Map<String, String> load(Path file, String variable) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(variable + " names " + file + ", which is not a readable file");
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(variable + " names " + file + ", which is not a Java properties file: " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        props.stringPropertyNames().forEach(key -> values.put(key.trim(), props.getProperty(key).trim()));
        if (values.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new ConfigException(variable + " must not set bootstrap.servers; set KAFKA_BOOTSTRAP_SERVERS instead");
        }
        return values;
    }

    static String upper(String value) {
        return value.trim().toUpperCase(Locale.ROOT);
    }
}
