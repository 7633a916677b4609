package dev.webhookgate.localstack;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the launcher was asked for: flags win over the environment, which wins over defaults. Ports 0 mean
 * "any free port", which the tests use.
 */
public record LocalStackOptions(Path dataDir, boolean fresh, int kafkaPort, Optional<String> externalKafka, int partitions,
                                Env serviceEnv) {

    public static final String USAGE = """
            usage: bin/local-stack [--data-dir DIR] [--fresh] [--kafka-port N | --kafka-bootstrap HOST:PORT] [--ingest-port N] [--dedup-port N] [--orders-port N] [--console-port N]
              --data-dir DIR   where the broker, the dedup state and the H2 ledger live (default ./data, or DATA_DIR)
              --fresh          delete DIR first: a new broker, empty dedup store, empty ledger
              --kafka-port N   the embedded broker's port on 127.0.0.1 (default 9092, or KAFKA_PORT)
              --kafka-bootstrap HOST:PORT  use that Kafka instead of starting one (missing topics are provisioned;
                                           KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_* ... say how to log in)
              ports default to INGEST_PORT/DEDUP_PORT/ORDERS_PORT/CONSOLE_PORT or 8080/8081/8082/8083; other settings are read from the
              environment as each service documents (IDEMPOTENCY_TTL, STRIPE_WEBHOOK_SECRET, OPS_TOKEN, ...)""";

    public static LocalStackOptions parse(String[] args, Env env) {
        Env merged = env;
        boolean fresh = false;
        Optional<String> externalKafka = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--fresh" -> fresh = true;
                case "--data-dir" -> merged = merged.with("DATA_DIR", value(args, ++i, flag));
                case "--kafka-port" -> merged = merged.with("KAFKA_PORT", value(args, ++i, flag));
                case "--kafka-bootstrap" -> externalKafka = Optional.of(value(args, ++i, flag));
                case "--ingest-port" -> merged = merged.with("INGEST_PORT", value(args, ++i, flag));
                case "--dedup-port" -> merged = merged.with("DEDUP_PORT", value(args, ++i, flag));
                case "--orders-port" -> merged = merged.with("ORDERS_PORT", value(args, ++i, flag));
                case "--console-port" -> merged = merged.with("CONSOLE_PORT", value(args, ++i, flag));
                case "-h", "--help" -> throw new ConfigException(USAGE);
                default -> throw new ConfigException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new LocalStackOptions(
                Path.of(merged.string("DATA_DIR", "./data")).toAbsolutePath().normalize(),
                fresh,
                merged.port("KAFKA_PORT", 9092),
                externalKafka,
                merged.intInRange("TOPIC_PARTITIONS", 3, 1, 1000),
                merged);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new ConfigException(flag + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
