package dev.webhookgate.dedup;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.IdempotencySettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What deploy/prometheus/alerts.yml needs from dedup-streams and Kafka Streams' own metrics do not say: the
 * client's state (Kafka reports it only as text, which a Prometheus registry cannot carry) and each provider's
 * TTL, the yardstick for how late retries come.
 */
final class DedupGauges {

    private DedupGauges() {
    }

    static void register(MeterRegistry registry, KafkaStreams streams, IdempotencySettings idempotency) {
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder("webhookgate.dedup.streams.state", streams, s -> s.state() == state ? 1 : 0)
                    .description("1 for the state this instance's Kafka Streams client is in, 0 for the others")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
        for (Provider provider : Provider.values()) {
            Gauge.builder("webhookgate.dedup.ttl", idempotency, settings -> settings.ttlFor(provider).toSeconds())
                    .description("How long a key of this provider is remembered after its first delivery")
                    .baseUnit("seconds")
                    .tag("provider", provider.id())
                    .strongReference(true)
                    .register(registry);
        }
    }
}
