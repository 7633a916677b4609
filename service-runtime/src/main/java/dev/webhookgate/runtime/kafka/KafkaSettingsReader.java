package dev.webhookgate.runtime.kafka;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.kafka.KafkaClientSettings.SaslLogin;
import dev.webhookgate.runtime.kafka.KafkaClientSettings.SaslMechanism;
import dev.webhookgate.runtime.kafka.KafkaClientSettings.SecurityProtocol;
import dev.webhookgate.runtime.kafka.KafkaClientSettings.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * Turns the {@code KAFKA_*} variables into {@link KafkaClientSettings}, refusing every combination that
 * Kafka would accept silently and then fail on at the first connection (or worse, ignore): SASL settings
 * without a SASL protocol, a mechanism without credentials, a store that does not exist or does not open
 * with its password.
 */
final class KafkaSettingsReader {

    static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    static final String USERNAME = "KAFKA_SASL_USERNAME";
    static final String PASSWORD = "KAFKA_SASL_PASSWORD";
    static final String TRUSTSTORE = "KAFKA_SSL_TRUSTSTORE_LOCATION";
    static final String TRUSTSTORE_PASSWORD = "KAFKA_SSL_TRUSTSTORE_PASSWORD";
    static final String KEYSTORE = "KAFKA_SSL_KEYSTORE_LOCATION";
    static final String KEYSTORE_PASSWORD = "KAFKA_SSL_KEYSTORE_PASSWORD";
    static final String CLIENT_CONFIG = "KAFKA_CLIENT_CONFIG";

    private KafkaSettingsReader() {
    }

    static KafkaClientSettings read(Env env) {
        String bootstrap = bootstrapServers(env.string(BOOTSTRAP, "localhost:9092"));
        Optional<Path> file = env.optional(CLIENT_CONFIG).map(Path::of);
        Map<String, String> fileConfig = file.map(f -> KafkaClientSettings.load(f, CLIENT_CONFIG)).orElse(Map.of());
        Optional<SecurityProtocol> protocol = env.optional(PROTOCOL).map(KafkaSettingsReader::protocol);
        SecurityProtocol effective = protocol.orElseGet(() -> fileProtocol(fileConfig));

        Optional<SaslLogin> sasl = sasl(env, effective, fileConfig);
        Optional<Store> truststore = store(env, TRUSTSTORE, TRUSTSTORE_PASSWORD, effective, false);
        Optional<Store> keystore = store(env, KEYSTORE, KEYSTORE_PASSWORD, effective, true);
        return new KafkaClientSettings(bootstrap, protocol, sasl, truststore, keystore, file, fileConfig);
    }

    private static String bootstrapServers(String raw) {
        for (String server : raw.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || !s.substring(colon + 1).matches("\\d{1,5}")) {
                throw new ConfigException(BOOTSTRAP + " must be host:port pairs separated by commas, such as kafka-1:9093,kafka-2:9093, got \""
                        + raw + "\"");
            }
        }
        return raw;
    }

    private static SecurityProtocol protocol(String raw) {
        try {
            return SecurityProtocol.valueOf(KafkaClientSettings.upper(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PROTOCOL + " must be one of " + names(SecurityProtocol.values()) + ", got \"" + raw + "\"");
        }
    }

    /** Without the variable, the file may choose the protocol (an OAUTHBEARER setup does). */
    private static SecurityProtocol fileProtocol(Map<String, String> fileConfig) {
        String raw = fileConfig.get(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
        if (raw == null) {
            return SecurityProtocol.PLAINTEXT;
        }
        try {
            return SecurityProtocol.valueOf(KafkaClientSettings.upper(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(CLIENT_CONFIG + " sets security.protocol to \"" + raw + "\"; it must be one of "
                    + names(SecurityProtocol.values()));
        }
    }

    private static Optional<SaslLogin> sasl(Env env, SecurityProtocol protocol, Map<String, String> fileConfig) {
        Optional<String> rawMechanism = env.optional(MECHANISM);
        Optional<String> username = env.optional(USERNAME);
        Optional<String> password = env.optional(PASSWORD);
        boolean anySet = rawMechanism.isPresent() || username.isPresent() || password.isPresent();
        if (!protocol.usesSasl()) {
            if (anySet) {
                String which = rawMechanism.isPresent() ? MECHANISM : username.isPresent() ? USERNAME : PASSWORD;
                throw new ConfigException(which + " is set but " + PROTOCOL + " is " + protocol
                        + "; SASL needs SASL_SSL (or SASL_PLAINTEXT on a trusted network)");
            }
            return Optional.empty();
        }
        boolean fileLogsIn = fileConfig.containsKey(SaslConfigs.SASL_JAAS_CONFIG);
        if (rawMechanism.isEmpty()) {
            if (username.isPresent() || password.isPresent()) {
                throw new ConfigException(MECHANISM + " must be set with " + USERNAME + " and " + PASSWORD + ": one of "
                        + names(SaslMechanism.values()));
            }
            if (!fileLogsIn) {
                throw new ConfigException(PROTOCOL + " is " + protocol + " but neither " + MECHANISM
                        + " nor sasl.jaas.config in " + CLIENT_CONFIG + " says how to log in");
            }
            return Optional.empty();
        }
        SaslMechanism mechanism = SaslMechanism.named(rawMechanism.get()).orElseThrow(() -> new ConfigException(
                MECHANISM + " must be one of " + names(SaslMechanism.values()) + ", got \"" + rawMechanism.get() + "\""));
        if (username.isEmpty() || password.isEmpty()) {
            throw new ConfigException(MECHANISM + " is " + mechanism.kafkaName() + " but " + (username.isEmpty() ? USERNAME : PASSWORD)
                    + " is not set; " + mechanism.kafkaName() + " logs in with both " + USERNAME + " and " + PASSWORD);
        }
        return Optional.of(new SaslLogin(mechanism, username.get(), password.get()));
    }

    private static Optional<Store> store(Env env, String locationVar, String passwordVar, SecurityProtocol protocol, boolean keystore) {
        Optional<String> location = env.optional(locationVar);
        Optional<String> password = env.optional(passwordVar);
        if (location.isEmpty()) {
            if (password.isPresent()) {
                throw new ConfigException(passwordVar + " is set but " + locationVar + " is not; set both or neither");
            }
            return Optional.empty();
        }
        if (!protocol.usesTls()) {
            throw new ConfigException(locationVar + " is set but " + PROTOCOL + " is " + protocol + ", which does not use TLS;"
                    + " use SSL or SASL_SSL");
        }
        Path path = Path.of(location.get());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(locationVar + " names " + path + ", which does not exist or is not a readable file");
        }
        if (keystore && password.isEmpty()) {
            throw new ConfigException(passwordVar + " must be set with " + locationVar + ": the client's key is read with it");
        }
        if (!isPem(path)) {
            checkOpens(path, password, locationVar, passwordVar);
        }
        return Optional.of(new Store(path, password));
    }

    private static boolean isPem(Path path) {
        String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".pem") || name.endsWith(".crt");
    }

    /**
     * Kafka would report a wrong store password only at the first connection, as a handshake failure far from
     * its cause; opening the store now names the variable. The JDK's JKS type reads PKCS12 files too.
     */
    private static void checkOpens(Path path, Optional<String> password, String locationVar, String passwordVar) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(SslConfigs.DEFAULT_SSL_TRUSTSTORE_TYPE);
            store.load(in, password.map(String::toCharArray).orElse(null));
        } catch (IOException | GeneralSecurityException e) {
            String cause = e.getCause() instanceof java.security.UnrecoverableKeyException ? "the password is wrong" : e.getMessage();
            throw new ConfigException(locationVar + " names " + path + ", which does not open with " + passwordVar + ": " + cause);
        }
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v instanceof SaslMechanism m ? m.kafkaName() : v.name()).collect(Collectors.joining(", "));
    }
}
