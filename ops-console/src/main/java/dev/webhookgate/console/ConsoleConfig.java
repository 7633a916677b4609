package dev.webhookgate.console;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.http.access.AccessTokens;
import dev.webhookgate.runtime.kafka.KafkaClientSettings;
import java.net.URI;

/**
 * What the console reads from the environment. It knows where the three services listen; they know nothing of it.
 *
 * @param ingestUrl where ingest-api answers ({@code INGEST_URL})
 * @param dedupUrl  where dedup-streams answers ({@code DEDUP_URL}, the same variable the ingest reads)
 * @param ordersUrl where order-consumer answers ({@code ORDERS_URL})
 * @param access    {@code OPS_TOKEN}: the console's API needs it, and forwards what the browser sent
 */
public record ConsoleConfig(KafkaClientSettings kafka, Topics topics, int port, URI ingestUrl, URI dedupUrl, URI ordersUrl,
                            AccessTokens access) {

    public static final int DEFAULT_PORT = 8083;

    public static ConsoleConfig from(Env env) {
        return new ConsoleConfig(
                KafkaClientSettings.from(env),
                new Topics(env.string("TOPIC_PREFIX", Topics.DEFAULT_PREFIX)),
                env.port("CONSOLE_PORT", DEFAULT_PORT),
                env.httpUrl("INGEST_URL", "http://localhost:8080"),
                env.httpUrl("DEDUP_URL", "http://localhost:8081"),
                env.httpUrl("ORDERS_URL", "http://localhost:8082"),
                AccessTokens.from(env::optional));
    }
}
