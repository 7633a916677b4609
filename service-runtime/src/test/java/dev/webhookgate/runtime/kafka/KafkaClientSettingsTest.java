package dev.webhookgate.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSettingsTest {

    private static final String SECRET = "s3cr\"et\\pw";

    @TempDir
    Path dir;

    @Test
    void withoutAnyVariableItIsPlaintextToLocalhost() {
        Properties props = settings(Map.of()).clientProperties("ingest-api");
        assertThat(props).containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("client.id", "ingest-api")
                .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void scramOverTlsBecomesTheClientsLoginAndTruststore() throws Exception {
        Path truststore = store("trust.p12", "changeit");
        KafkaClientSettings settings = settings(Map.of("KAFKA_BOOTSTRAP_SERVERS", "k1:9093,k2:9093",
                "KAFKA_SECURITY_PROTOCOL", "sasl_ssl", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_USERNAME", "ingest", "KAFKA_SASL_PASSWORD", SECRET,
                "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(), "KAFKA_SSL_TRUSTSTORE_PASSWORD", "changeit"));

        Properties props = settings.clientProperties("c");
        assertThat(props).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.location", truststore.toString())
                .containsEntry("ssl.truststore.password", "changeit");
        // Kafka's own JAAS parser must read back exactly the password we were given, quotes and backslashes included
        AppConfigurationEntry login = JaasContext.loadClientContext(
                Map.of("sasl.jaas.config", new Password((String) props.get("sasl.jaas.config")))).configurationEntries().get(0);
        assertThat(login.getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
        assertThat(login.getOptions().get("username")).isEqualTo("ingest");
        assertThat(login.getOptions().get("password")).isEqualTo(SECRET);
    }

    @Test
    void itsDescriptionNamesThePrincipalAndNeverAPassword() throws Exception {
        Path file = clientConfig("ssl.key.password=file-secret\nssl.endpoint.identification.algorithm=\n");
        Path keystore = store("key.p12", "key-secret");
        KafkaClientSettings settings = settings(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_USERNAME", "dedup", "KAFKA_SASL_PASSWORD", SECRET, "KAFKA_CLIENT_CONFIG", file.toString(),
                "KAFKA_SSL_KEYSTORE_LOCATION", keystore.toString(), "KAFKA_SSL_KEYSTORE_PASSWORD", "key-secret"));

        assertThat(settings.toString())
                .contains("SASL_SSL", "PLAIN as dedup", keystore.toString(), "ssl.key.password")
                .doesNotContain(SECRET, "file-secret", "key-secret");
        assertThat(settings.sasl().orElseThrow().toString()).doesNotContain(SECRET);
        assertThat(settings.keystore().orElseThrow().toString()).doesNotContain("key-secret");
    }

    /**
     * A client retrying a dead broker every second would write a warning a second (docs/failure-modes.md); a
     * request retry backing off for seconds would stall a transaction behind a CONCURRENT_TRANSACTIONS answer.
     */
    @Test
    void everyClientReconnectsAfterSecondsButRetriesRequestsAtKafkasPaceUnlessTheClientConfigFileSaysOtherwise() throws Exception {
        Properties plain = settings(Map.of()).clientProperties("c");
        assertThat(plain).containsEntry("reconnect.backoff.max.ms", 5_000L).doesNotContainKey("retry.backoff.max.ms");
        assertThat(settings(Map.of()).streamsProperties()).containsEntry("reconnect.backoff.max.ms", 5_000L)
                .doesNotContainKey("retry.backoff.max.ms");

        Path file = clientConfig("reconnect.backoff.max.ms=20000\n");
        assertThat(settings(Map.of("KAFKA_CLIENT_CONFIG", file.toString())).clientProperties("c"))
                .containsEntry("reconnect.backoff.max.ms", "20000");
    }

    @Test
    void theClientConfigFileIsTheBaseAndTheVariablesWin() throws Exception {
        Path file = clientConfig("security.protocol=SASL_SSL\nsasl.mechanism=OAUTHBEARER\n"
                + "sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;\nlinger.ms=7\n");

        Properties fromFile = settings(Map.of("KAFKA_CLIENT_CONFIG", file.toString())).clientProperties("c");
        assertThat(fromFile).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "OAUTHBEARER")
                .containsEntry("linger.ms", "7");

        Properties overridden = settings(Map.of("KAFKA_CLIENT_CONFIG", file.toString(), "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-256", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p")).clientProperties("c");
        assertThat(overridden).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-256");
        assertThat((String) overridden.get("sasl.jaas.config")).contains("ScramLoginModule");
    }

    @Test
    void badCombinationsStopStartUpWithASentenceNamingTheVariable() throws Exception {
        Path truststore = store("trust.p12", "changeit");
        Map<Map<String, String>, String> cases = new HashMap<>();
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "TLS"), "KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"), "KAFKA_SASL_USERNAME is not set");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "KAFKA_SASL_USERNAME", "u"),
                "KAFKA_SASL_PASSWORD is not set");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "GSSAPI", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p"), "KAFKA_SASL_MECHANISM must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"), "neither KAFKA_SASL_MECHANISM nor sasl.jaas.config");
        cases.put(Map.of("KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"), "KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_TRUSTSTORE_LOCATION", dir.resolve("missing.jks").toString()),
                "KAFKA_SSL_TRUSTSTORE_LOCATION names " + dir.resolve("missing.jks") + ", which does not exist");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString(),
                "KAFKA_SSL_TRUSTSTORE_PASSWORD", "wrong"), "which does not open with KAFKA_SSL_TRUSTSTORE_PASSWORD");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_USERNAME", "u",
                "KAFKA_SASL_PASSWORD", "p", "KAFKA_SSL_TRUSTSTORE_LOCATION", truststore.toString()),
                "KAFKA_SSL_TRUSTSTORE_LOCATION is set but KAFKA_SECURITY_PROTOCOL is SASL_PLAINTEXT, which does not use TLS");
        cases.put(Map.of("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_KEYSTORE_LOCATION", truststore.toString()),
                "KAFKA_SSL_KEYSTORE_PASSWORD must be set with KAFKA_SSL_KEYSTORE_LOCATION");
        cases.put(Map.of("KAFKA_SSL_TRUSTSTORE_PASSWORD", "x"), "KAFKA_SSL_TRUSTSTORE_PASSWORD is set but KAFKA_SSL_TRUSTSTORE_LOCATION is not");
        cases.put(Map.of("KAFKA_CLIENT_CONFIG", dir.resolve("nope.properties").toString()), "KAFKA_CLIENT_CONFIG names");
        cases.put(Map.of("KAFKA_CLIENT_CONFIG", clientConfig("bootstrap.servers=elsewhere:9092\n").toString()),
                "KAFKA_CLIENT_CONFIG must not set bootstrap.servers");
        cases.put(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka"), "KAFKA_BOOTSTRAP_SERVERS must be host:port pairs");

        cases.forEach((vars, sentence) -> assertThatThrownBy(() -> settings(vars)).as("%s", vars)
                .isInstanceOf(ConfigException.class).hasMessageContaining(sentence)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("changeit")));
    }

    private static KafkaClientSettings settings(Map<String, String> vars) {
        return KafkaClientSettings.from(new Env(vars));
    }

    private Path clientConfig(String text) throws Exception {
        Path file = Files.createTempFile(dir, "client", ".properties");
        Files.writeString(file, text);
        return file;
    }

    /** An empty PKCS12 store: enough for the reader to open it, or to fail to with a wrong password. */
    private Path store(String name, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
