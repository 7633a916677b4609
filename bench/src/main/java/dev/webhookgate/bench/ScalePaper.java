package dev.webhookgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scenarios.scale} of latest.json: the two-of-each run (E2eBench's {@code two-of-each} rows) and the
 * "scale on paper" table derived from it (docs/benchmarks.md, "Two instances of each service, and scale on paper").
 *
 * <p>Cores per hop = rate x CPU per webhook / {@link #TARGET_UTILISATION}, once with the whole CPU the hop spent
 * in the warm phase per webhook ({@code cores}: at the bench's low rates this carries each process's per-second
 * work, so it overstates a busy hop) and once with only the part the webhooks caused ({@code cores_marginal},
 * the quiet cores taken out; to which each instance adds its quiet cores). 60 % and not 100 % because the
 * instances of a hop must absorb the work of one that fails or restarts (with three, the other two take half as
 * much again), provider retry storms after an outage arrive on top of the steady rate, and queueing delay grows
 * as u / (1 - u): at 0.6 a request waits 1.5 service times, at 0.9 nine, which the ingest's 5 s answer deadline
 * and the verdict wait (docs/verdict-protocol.md) would turn into 202s.
 *
 * <p>Partitions: one partition is one Streams task on one stream thread (and one order-consumer thread), so a
 * partition can never carry more than one thread does. The ceiling per partition is the lower of what one
 * dedup stream thread (and one order-consumer thread) handled in the measurement (warm accepted req/s over the
 * threads the group coordinator showed) and what a thread could do on its own core at the target utilisation
 * (0.6 s / CPU per webhook of the hop). The needed count is the rate over that ceiling; the recommendation
 * doubles it and rounds up to 6 x 2^k, because partitions of the keyed topics cannot be added later (keys move
 * to partitions whose stores do not hold them, and commands must keep inbound's count: docs/operations.md,
 * Scaling), so the count must already hold one doubling of traffic, and 6 x 2^k splits evenly over 1, 2, 3, 4,
 * 6, 8... instances.
 */
final class ScalePaper {

    static final double TARGET_UTILISATION = 0.6;
    /** The rates the paper table is asked for (docs/benchmarks.md): the questions, not measurements. */
    static final int[] RATES = {10_000, 50_000, 100_000};
    static final String[] HOPS = {"broker", "ingest", "dedup", "orders"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScalePaper() {
    }

    /**
     * @param systems E2eBench's {@code systems} with a {@code two-of-each} list
     * @param oneEach E2eBench's {@code systems} of the e2e run (its {@code processes} rows, for comparison), or null
     */
    static ObjectNode scenario(JsonNode systems, JsonNode oneEach) {
        String name = "two-of-each";
        JsonNode rows = systems.path(name);
        ObjectNode s = JSON.createObjectNode();
        s.put("system", name);
        s.put("rps", Report.median(systems, name, "rps"));
        s.put("p50_ms", Report.median(systems, name, "p50_ms"));
        s.put("p99_ms", Report.median(systems, name, "p99_ms"));
        s.put("lost", (long) Report.max(systems, name, "lost"));
        s.put("duplicates_leaked", (long) Report.max(systems, name, "duplicates_leaked"));
        s.put("queued202", (long) Report.max(systems, name, "queued202"));
        s.set("cpu_us_per_webhook", cpuPerHop(rows, "cpu_us_per_webhook"));
        s.set("cpu_us_per_webhook_marginal", cpuPerHop(rows, "cpu_us_per_webhook_marginal"));
        s.set("quiet_cores", cpuPerHop(rows, "quiet_cores"));
        if (oneEach != null && oneEach.has("processes")) {
            s.set("cpu_us_per_webhook_one_of_each", cpuPerHop(oneEach.path("processes"), "cpu_us_per_webhook"));
        }
        ArrayNode layouts = s.putArray("layout_by_round");
        rows.forEach(row -> layouts.add(row.path("layout")));
        s.put("stream_threads", (long) medianOf(rows, row -> sum(row.path("layout").path("dedup"), "stream_threads")));
        s.put("order_consumer_threads", (long) medianOf(rows, row -> sum(row.path("layout").path("orders"), "consumer_threads")));
        s.put("verdict_batches_forwarded", (long) medianOf(rows, row -> sum(row.path("layout").path("dedup"), "verdict_batches_forwarded")));
        s.set("paper", paper(s));
        s.set("by_round", rows);
        return s;
    }

    private static ObjectNode paper(ObjectNode s) {
        JsonNode cpu = s.path("cpu_us_per_webhook");
        double rps = s.path("rps").asDouble();
        double dedupMeasured = rps / s.path("stream_threads").asDouble();
        double dedupOwnCore = TARGET_UTILISATION * 1e6 / cpu.path("dedup").asDouble();
        double ordersMeasured = rps / s.path("order_consumer_threads").asDouble();
        double ordersOwnCore = TARGET_UTILISATION * 1e6 / cpu.path("orders").asDouble();
        double perPartition = Math.min(Math.min(dedupMeasured, dedupOwnCore), Math.min(ordersMeasured, ordersOwnCore));
        ObjectNode paper = JSON.createObjectNode();
        paper.put("target_utilisation", TARGET_UTILISATION);
        paper.put("dedup_thread_rps_measured", round1(dedupMeasured));
        paper.put("dedup_thread_rps_own_core", round1(dedupOwnCore));
        paper.put("orders_thread_rps_measured", round1(ordersMeasured));
        paper.put("orders_thread_rps_own_core", round1(ordersOwnCore));
        paper.put("per_partition_rps", round1(perPartition));
        ArrayNode rates = paper.putArray("rates");
        for (int rate : RATES) {
            ObjectNode row = rates.addObject();
            row.put("webhooks_per_s", rate);
            row.set("cores", cores(rate, cpu));
            row.set("cores_marginal", cores(rate, s.path("cpu_us_per_webhook_marginal")));
            int needed = (int) Math.ceil(rate / perPartition);
            row.put("partitions_needed", needed);
            row.put("partitions", recommended(needed));
        }
        return paper;
    }

    /** Cores per hop and in total for {@code rate} at the target utilisation. */
    private static ObjectNode cores(int rate, JsonNode cpuPerWebhook) {
        ObjectNode cores = JSON.createObjectNode();
        double total = 0;
        for (String hop : HOPS) {
            double c = rate * cpuPerWebhook.path(hop).asDouble(Double.NaN) / 1e6 / TARGET_UTILISATION;
            cores.put(hop, round1(c));
            total += c;
        }
        cores.put("total", round1(total));
        return cores;
    }

    /** The smallest 6 x 2^k holding twice {@code needed}: one doubling of traffic without new topics. */
    static int recommended(int needed) {
        long p = 6;
        while (p < 2L * needed) {
            p *= 2;
        }
        return (int) p;
    }

    /** The table for the report's stdout. */
    static String table(JsonNode s) {
        StringBuilder out = new StringBuilder();
        JsonNode cpu = s.path("cpu_us_per_webhook");
        out.append(String.format(Locale.ROOT, "scale: two of each, %.0f req/s warm, p50 %.1f ms, p99 %.1f ms, lost %d, leaked %d, "
                        + "%d verdict batches forwarded%n", s.path("rps").asDouble(), s.path("p50_ms").asDouble(), s.path("p99_ms").asDouble(),
                s.path("lost").asLong(), s.path("duplicates_leaked").asLong(), s.path("verdict_batches_forwarded").asLong()));
        out.append(hops("  CPU per webhook, us:", cpu, "%.0f"));
        out.append(hops("  of it caused by the webhooks (less the quiet cores), us:", s.path("cpu_us_per_webhook_marginal"), "%.0f"));
        out.append(hops("  quiet cores (no traffic, after the warm-up):", s.path("quiet_cores"), "%.3f"));
        for (JsonNode layout : s.path("layout_by_round")) {
            layout.path("dedup").fields().forEachRemaining(e -> out.append(String.format(Locale.ROOT,
                    "  %s: inbound partitions %s, %d verdict batches forwarded, %d decisions%n", e.getKey(),
                    e.getValue().path("inbound_partitions"), e.getValue().path("verdict_batches_forwarded").asLong(),
                    e.getValue().path("decisions").asLong())));
            layout.path("orders").fields().forEachRemaining(e -> out.append(String.format(Locale.ROOT,
                    "  %s: unique partitions %s%n", e.getKey(), e.getValue().path("unique_partitions"))));
        }
        JsonNode paper = s.path("paper");
        out.append(String.format(Locale.ROOT, "  on paper (cores at %.0f %% utilisation; per partition at most %.0f webhooks/s):%n",
                paper.path("target_utilisation").asDouble() * 100, paper.path("per_partition_rps").asDouble()));
        out.append(String.format(Locale.ROOT, "  %12s %8s %8s %8s %8s %8s %10s %10s %10s%n",
                "webhooks/s", "broker", "ingest", "dedup", "orders", "cores", "marginal", "needed", "partitions"));
        for (JsonNode row : paper.path("rates")) {
            JsonNode c = row.path("cores");
            out.append(String.format(Locale.ROOT, "  %12d %8.1f %8.1f %8.1f %8.1f %8.1f %10.1f %10d %10d%n", row.path("webhooks_per_s").asInt(),
                    c.path("broker").asDouble(), c.path("ingest").asDouble(), c.path("dedup").asDouble(), c.path("orders").asDouble(),
                    c.path("total").asDouble(), row.path("cores_marginal").path("total").asDouble(Double.NaN),
                    row.path("partitions_needed").asInt(), row.path("partitions").asInt()));
        }
        return out.toString();
    }

    private static String hops(String title, JsonNode perHop, String format) {
        StringBuilder line = new StringBuilder(title);
        for (String hop : HOPS) {
            line.append(' ').append(hop).append(' ').append(String.format(Locale.ROOT, format, perHop.path(hop).asDouble(Double.NaN)));
        }
        return line.append(System.lineSeparator()).toString();
    }

    /** {@code field} (one figure per hop) of each hop, its median across rounds. */
    private static ObjectNode cpuPerHop(JsonNode rows, String field) {
        ObjectNode cpu = JSON.createObjectNode();
        for (String hop : HOPS) {
            cpu.put(hop, medianOf(rows, row -> row.path(field).path(hop).asDouble(Double.NaN)));
        }
        return cpu;
    }

    private static double sum(JsonNode instances, String field) {
        double total = 0;
        for (JsonNode instance : instances) {
            total += instance.path(field).asDouble();
        }
        return total;
    }

    private static double medianOf(JsonNode rows, java.util.function.ToDoubleFunction<JsonNode> field) {
        List<Double> values = new ArrayList<>();
        rows.forEach(row -> {
            double v = field.applyAsDouble(row);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        });
        return Report.median(values);
    }

    /** NaN (a hop not measured) stays NaN, so the report shows it as missing and not as 0. */
    private static double round1(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 10) / 10.0;
    }
}
