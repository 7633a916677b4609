package dev.webhookgate.deploy;

import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.ingest.IngestConfig;
import dev.webhookgate.localstack.LocalStackOptions;
import dev.webhookgate.orders.OrdersConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The variables each service reads, learned by building its configuration from recording Envs exactly as its
 * {@code main} does ({@code XConfig.from(env)}), so the answer comes from the code and not from a list.
 */
final class ServiceVariables {

    /**
     * Environments that lead the config code down branches that read more. The empty one reads every
     * unconditional variable; add one here when a variable is read only once another has a certain value.
     */
    static final List<Map<String, String>> PROBES = List.of(Map.of());

    private ServiceVariables() {
    }

    /** Service name to the variables it asked for, set or not. */
    static Map<String, Set<String>> read() {
        Map<String, Set<String>> byService = new TreeMap<>();
        for (Map<String, String> probe : PROBES) {
            record(byService, "ingest-api", probe, IngestConfig::from);
            record(byService, "dedup-streams", probe, DedupConfig::from);
            record(byService, "order-consumer", probe, OrdersConfig::from);
            record(byService, "local-stack", probe, env -> LocalStackOptions.parse(new String[0], env));
        }
        return byService;
    }

    private static void record(Map<String, Set<String>> byService, String service, Map<String, String> probe, Consumer<Env> configure) {
        Set<String> names = byService.computeIfAbsent(service, s -> new TreeSet<>());
        try {
            configure.accept(Env.recording(probe, names::add));
        } catch (ConfigException e) {
            // a probe may be refused after some reads; the reads before the refusal still count
        }
    }
}
