package dev.webhookgate.orders.support;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.fixture.KafkaBrokerExtension;
import dev.webhookgate.orders.OrdersConfig;
import dev.webhookgate.orders.OrdersService;
import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.orders.mapping.EventMapping;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** One order consumer on its own topics, group and ledger, with a producer for its input; closes all three. */
public final class RunningOrders implements AutoCloseable {

    public final TestLedger ledger;
    public final Topics topics;
    public final UniqueTopic unique;
    public final OrdersService service;
    public final String groupId;

    private RunningOrders(TestLedger ledger, Topics topics, UniqueTopic unique, OrdersService service, String groupId) {
        this.groupId = groupId;
        this.ledger = ledger;
        this.topics = topics;
        this.unique = unique;
        this.service = service;
    }

    public static RunningOrders start(KafkaBrokerExtension kafka, TestLedger ledger, int partitions) {
        return start(kafka, ledger, partitions, Map.of());
    }

    /** With extra settings, such as ORDERS_CONSUMERS. */
    public static RunningOrders start(KafkaBrokerExtension kafka, TestLedger ledger, int partitions, Map<String, String> settings) {
        return start(kafka, ledger, partitions, settings, new EventMapper());
    }

    /** With a mapping of the test's, which the consumer and the dead-letter redrive share. */
    public static RunningOrders start(KafkaBrokerExtension kafka, TestLedger ledger, int partitions, Map<String, String> settings,
                                      EventMapping mapping) {
        Topics topics = kafka.createRandomTopics(partitions);
        Map<String, String> env = serviceEnv(kafka.bootstrapServers(), topics, ledger);
        env.putAll(settings);
        UniqueTopic unique = new UniqueTopic(kafka.bootstrapServers(), topics);
        try {
            return new RunningOrders(ledger, topics, unique, OrdersService.start(OrdersConfig.from(new Env(env)), mapping), env.get("ORDERS_GROUP_ID"));
        } catch (RuntimeException e) {
            unique.close();
            throw e;
        }
    }

    /** The environment of a service (in this JVM or another process) reading these topics into this ledger. */
    public static Map<String, String> serviceEnv(String bootstrapServers, Topics topics, TestLedger ledger) {
        Map<String, String> env = new HashMap<>(ledger.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("TOPIC_PREFIX", topics.prefix());
        env.put("ORDERS_GROUP_ID", "orders-" + UUID.randomUUID());
        env.put("ORDERS_PORT", "0");
        return env;
    }

    public int port() {
        return service.port();
    }

    public long count(String table) {
        return ledger.number("SELECT COUNT(*) FROM " + table);
    }

    @Override
    public void close() {
        try {
            service.close();
        } finally {
            unique.close();
        }
    }
}
