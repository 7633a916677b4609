package dev.webhookgate.chaos;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.fixture.FreePorts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One scenario's moving parts: its brokers, ledger schema behind a relay, topics, services and load, and
 * at the end the verdict from outside. Faults are the scenario's own; this only sets up, drives and judges.
 */
final class Campaign implements AutoCloseable {

    private static final Duration QUIET = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(180);

    final String name;
    final Brokers brokers;
    final Ledger ledger;
    final PgProxy proxy;
    final Stack stack;
    final Observations seen = new Observations();
    private final WebhookClient client;
    private Load load;

    Campaign(ChaosContext ctx, String name, Brokers brokers, Stack.Options options) {
        this.name = name;
        this.brokers = brokers;
        String id = name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        PgProxy relay = null;
        try {
            Topics topics = brokers.createTopics(new Topics("chaos-" + id.replace('_', '-')), Stack.PARTITIONS);
            this.ledger = Ledger.create(ctx.pgUrl(), ctx.pgUser(), ctx.pgPassword(), "chaos_" + id.toLowerCase(Locale.ROOT));
            URI pg = URI.create(ctx.pgUrl().substring("jdbc:".length()));
            relay = new PgProxy(pg.getHost(), pg.getPort(), FreePorts.next());
            this.proxy = relay;
            Stack.OrdersLedger orders = new Stack.OrdersLedger(ledger.jdbcUrlVia("127.0.0.1:" + proxy.port()), ledger.user(), ledger.password());
            long starting = System.nanoTime();
            this.stack = new Stack(ctx.repo(), ctx.dir(name), id, brokers.bootstrapServers(), brokers.replication(), topics, options,
                    Optional.of(orders), ctx.jvmOptions()).start();
            phase("services ready", starting);
        } catch (RuntimeException e) {
            if (relay != null) {
                relay.close();
            }
            brokers.close();
            throw e;
        }
        this.client = new WebhookClient(stack.ingest().port());
    }

    WebhookClient client() {
        return client;
    }

    /** Provider-style load at {@code keysPerSecond} new keys; {@code giveUpOn503} of them never retry a 503. */
    void startLoad(int keysPerSecond, double giveUpOn503) {
        load = new Load(client, seen, "k-" + name, giveUpOn503);
        load.start(keysPerSecond);
    }

    Load load() {
        return load;
    }

    /** Ends the load, waits for retries and the ledger to settle, then judges from the answers, the ledger and the topics. */
    Outcome finish() {
        long finishing = System.nanoTime();
        if (load != null) {
            load.stopAdding();
            load.awaitQuiet(QUIET);
        }
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (Outcome.unsettled(seen, ledger) > 0 && System.nanoTime() < deadline) {
            Pause.millis(1000);
        }
        phase("load ended, retries answered and the ledger settled", finishing);
        // anything still on its way (a replay after a restart) has time to show up as a second effect
        Pause.millis(5000);
        List<ConsumerRecord<String, byte[]>> unique = CommittedTopic.read(brokers.bootstrapServers(), stack.topics().unique(), Duration.ofSeconds(120));
        List<ConsumerRecord<String, byte[]>> inbound = CommittedTopic.read(brokers.bootstrapServers(), stack.topics().inbound(), Duration.ofSeconds(120));
        Outcome outcome = Outcome.judge(seen, ledger, unique, inbound);
        phase("judged", finishing);
        return outcome;
    }

    /** Where a scenario's time goes (set-up, faults, the wait for the verdict), for making the quick run quicker. */
    private static void phase(String what, long sinceNanos) {
        System.out.printf(Locale.ROOT, "  %s after %.1f s%n", what, (System.nanoTime() - sinceNanos) / 1e9);
    }

    /** Leaves the schema for a look when the scenario failed. */
    void cleanUp(boolean passed) {
        if (passed) {
            ledger.drop();
        }
    }

    @Override
    public void close() {
        if (load != null) {
            load.close();
        }
        client.close();
        stack.close();
        proxy.close();
        brokers.close();
    }
}
