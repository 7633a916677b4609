package dev.webhookgate.bench.e2e;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * What every webhookgate system under test ({@link Webhookgate}'s shapes, {@link TwoOfEach}) shares: child
 * processes it starts and stops, and a ledger in a fresh schema of the benchmark's PostgreSQL, judged by
 * {@link OrderCount#webhookgate}.
 */
abstract class WebhookgateSystem implements SystemUnderTest {

    protected final Processes processes = new Processes();
    protected final Postgres pg;
    /** Set by {@link #launch()}: the fresh schema's JDBC URL. */
    protected String ledgerUrl;

    WebhookgateSystem(Postgres pg) {
        this.pg = pg;
    }

    /** An ingest's whatsapp route on loopback: the bench's schedule is whatsapp deliveries. */
    static URI webhookAt(int ingestPort) {
        return URI.create("http://127.0.0.1:" + ingestPort + "/api/v1/whatsapp/webhook");
    }

    @Override
    public OrderCount orders() {
        return OrderCount.webhookgate(ledgerUrl, pg);
    }

    @Override
    public List<Long> pids() {
        return processes.pids();
    }

    /** Empty where one JVM is every hop at once (the local stack). */
    @Override
    public Map<String, List<Long>> pidsByRole() {
        return processes.pidsByRole();
    }

    @Override
    public void close() {
        processes.close();
    }
}
