package dev.webhookgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gathers the scenario files bin/bench's runs left in one directory into {@code latest.json} (the shape
 * docs/benchmarks.md describes) and draws {@code latest.svg}, readable without the JSON: throughput,
 * latency, time to ready and idle cost per system, and the component ratios against their goals; and the
 * two-of-each run with its "scale on paper" table ({@link ScalePaper}).
 *
 * <p>Where a scenario ran several rounds, the median round is reported: one slow round on a shared
 * machine should move the figure less than a mean would let it.
 *
 * <pre>java -cp "bench/target/bench.jar:bench/target/lib/*" dev.webhookgate.bench.Report bench/results/parts bench/results</pre>
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path parts = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        ObjectNode scenarios = JSON.createObjectNode();
        JsonNode e2e = read(parts, "e2e");
        if (e2e != null) {
            JsonNode systems = e2e.get("systems");
            ObjectNode s = scenarios.putObject("e2e");
            double rps = median(systems, "local-stack", "rps");
            double seed = median(systems, "seed-style", "rps");
            s.put("rps", rps);
            s.put("seed_style_rps", seed);
            s.put("ratio", round2(rps / seed));
            s.put("cold_ratio", round2(median(systems, "local-stack", "cold_rps") / median(systems, "seed-style", "cold_rps")));
            s.put("p50_ms", median(systems, "local-stack", "p50_ms"));
            s.put("p99_ms", median(systems, "local-stack", "p99_ms"));
            s.put("duplicates_leaked", (long) (max(systems, "local-stack", "duplicates_leaked") + max(systems, "processes", "duplicates_leaked")));
            s.put("lost", (long) (max(systems, "local-stack", "lost") + max(systems, "processes", "lost")));
            s.put("processes_rps", median(systems, "processes", "rps"));
            s.put("processes_ratio", round2(median(systems, "processes", "rps") / seed));
            s.put("settle_s", median(systems, "local-stack", "settle_s"));
            s.put("seed_style_p50_ms", median(systems, "seed-style", "p50_ms"));
            s.put("seed_style_p99_ms", median(systems, "seed-style", "p99_ms"));
            s.put("loop", e2e.path("loop").asText());
            s.set("by_system", systems);
        }
        JsonNode scale = read(parts, "scale");
        if (scale != null) {
            ObjectNode s = ScalePaper.scenario(scale.get("systems"), e2e == null ? null : e2e.get("systems"));
            scenarios.set("scale", s);
            System.out.print(ScalePaper.table(s));
        }
        copy(parts, "ingest", scenarios);
        copy(parts, "dedup", scenarios);
        copy(parts, "state", scenarios);
        copy(parts, "ledger", scenarios);
        JsonNode idle = read(parts, "idle");
        if (idle != null) {
            JsonNode systems = idle.get("systems");
            ObjectNode i = scenarios.putObject("idle");
            i.put("cpu_cores", median(systems, "local-stack", "idle_cores"));
            ObjectNode st = scenarios.putObject("startup");
            st.put("ready_s", median(systems, "local-stack", "ready_s"));
            ObjectNode perSystemIdle = i.putObject("by_system");
            ObjectNode perSystemReady = st.putObject("by_system");
            systems.fieldNames().forEachRemaining(name -> {
                perSystemIdle.put(name, median(systems, name, "idle_cores"));
                perSystemReady.put(name, median(systems, name, "ready_s"));
            });
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("machine", machine());
        root.set("scenarios", scenarios);
        JSON.writeValue(out.resolve("latest.json").toFile(), root);
        Files.writeString(out.resolve("latest.svg"), Chart.draw(scenarios));
        System.out.println("wrote " + out.resolve("latest.json") + " and " + out.resolve("latest.svg"));
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs, " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB max heap of the reporter, Java " + System.getProperty("java.version");
    }

    private static JsonNode read(Path dir, String scenario) throws IOException {
        Path file = dir.resolve(scenario + ".json");
        return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
    }

    private static void copy(Path dir, String scenario, ObjectNode into) throws IOException {
        JsonNode node = read(dir, scenario);
        if (node != null) {
            into.set(scenario, node);
        }
    }

    static double median(JsonNode systems, String system, String field) {
        List<Double> values = new ArrayList<>();
        systems.path(system).forEach(row -> {
            if (row.hasNonNull(field)) {
                values.add(row.get(field).asDouble());
            }
        });
        return median(values);
    }

    /** NaN for no values. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values = new ArrayList<>(values);
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    static double max(JsonNode systems, String system, String field) {
        double m = 0;
        for (JsonNode row : systems.path(system)) {
            m = Math.max(m, row.path(field).asDouble());
        }
        return m;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The SVG: one panel per question, bars labelled with their values, so the picture reads alone. */
    static final class Chart {

        private static final String[] COLORS = {"#8a8f98", "#2f6fdb", "#16a085"};

        private Chart() {
        }

        static String draw(JsonNode scenarios) {
            StringBuilder svg = new StringBuilder();
            int width = 980;
            List<Panel> panels = new ArrayList<>();
            JsonNode e2e = scenarios.path("e2e").path("by_system");
            panels.add(Panel.of("e2e accepted req/s, warm (higher is better)", e2e, "rps"));
            panels.add(Panel.of("e2e accepted req/s, first seconds after ready (higher is better)", e2e, "cold_rps"));
            panels.add(Panel.of("e2e p50 ms, warm (lower is better)", e2e, "p50_ms"));
            panels.add(Panel.of("e2e p99 ms, warm (lower is better)", e2e, "p99_ms"));
            JsonNode startup = scenarios.path("startup").path("by_system");
            panels.add(Panel.flat("seconds from launch to ready (lower is better)", startup));
            JsonNode idle = scenarios.path("idle").path("by_system");
            panels.add(Panel.flat("idle CPU cores, no traffic (lower is better)", idle));
            int panelHeight = 120;
            int height = 70 + panels.size() * panelHeight + 170;
            svg.append(String.format(Locale.ROOT,
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">%n",
                    width, height));
            svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            svg.append("<text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\">webhookgate vs the seed-style baseline, one run of bin/bench</text>\n");
            int y = 60;
            for (Panel panel : panels) {
                y = panel.draw(svg, y, width);
            }
            y += 10;
            svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-weight=\"bold\">components (ratio in the same run; goal in brackets)</text>%n", y));
            y += 22;
            for (String line : componentLines(scenarios)) {
                svg.append(String.format(Locale.ROOT, "<text x=\"30\" y=\"%d\">%s</text>%n", y, escape(line)));
                y += 20;
            }
            svg.append("</svg>\n");
            return svg.toString();
        }

        private static List<String> componentLines(JsonNode s) {
            List<String> lines = new ArrayList<>();
            JsonNode e2e = s.path("e2e");
            lines.add(String.format(Locale.ROOT, "e2e: %.2fx the seed warm (>= 6), %.2fx cold (>= 3); leaked %d, lost %d",
                    e2e.path("ratio").asDouble(Double.NaN), e2e.path("cold_ratio").asDouble(Double.NaN),
                    e2e.path("duplicates_leaked").asLong(), e2e.path("lost").asLong()));
            lines.add(String.format(Locale.ROOT, "ingest: %.0f req/s, %.2f of send-consumed (>= 0.8), %.2f of send-only",
                    s.path("ingest").path("rps").asDouble(Double.NaN), s.path("ingest").path("ratio").asDouble(Double.NaN),
                    s.path("ingest").path("ratio_send_only").asDouble(Double.NaN)));
            lines.add(String.format(Locale.ROOT, "dedup under EOS: %.2f of passthrough (>= 0.7); state %.1f B/key (<= 100)",
                    s.path("dedup").path("ratio").asDouble(Double.NaN), s.path("state").path("bytes_per_key").asDouble(Double.NaN)));
            lines.add(String.format(Locale.ROOT, "ledger: %.0f events/s on one consumer thread (>= 20000); idle %.3f cores (<= 0.02); ready %.1f s (<= 5)",
                    s.path("ledger").path("events_per_s").asDouble(Double.NaN), s.path("idle").path("cpu_cores").asDouble(Double.NaN),
                    s.path("startup").path("ready_s").asDouble(Double.NaN)));
            JsonNode scale = s.path("scale");
            if (scale.isMissingNode()) {
                lines.add("scale: not run");
            } else {
                JsonNode rates = scale.path("paper").path("rates");
                JsonNode top = rates.path(rates.size() - 1);
                lines.add(String.format(Locale.ROOT, "scale: two of each %.0f req/s, leaked %d, lost %d; on paper %d webhooks/s: %.1f cores, %d partitions",
                        scale.path("rps").asDouble(Double.NaN), scale.path("duplicates_leaked").asLong(), scale.path("lost").asLong(),
                        top.path("webhooks_per_s").asInt(), top.path("cores").path("total").asDouble(Double.NaN), top.path("partitions").asInt()));
            }
            return lines.stream().map(l -> l.replace("NaN", "not run")).toList();
        }

        private record Panel(String title, Map<String, Double> values) {

            static Panel of(String title, JsonNode bySystem, String field) {
                Map<String, Double> v = new LinkedHashMap<>();
                bySystem.fieldNames().forEachRemaining(name -> v.put(name, median(bySystem, name, field)));
                return new Panel(title, v);
            }

            static Panel flat(String title, JsonNode bySystem) {
                Map<String, Double> v = new LinkedHashMap<>();
                bySystem.fields().forEachRemaining(e -> v.put(e.getKey(), e.getValue().asDouble(Double.NaN)));
                return new Panel(title, v);
            }

            int draw(StringBuilder svg, int y, int width) {
                svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y, escape(title)));
                if (values.isEmpty()) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"30\" y=\"%d\" fill=\"#888\">not run</text>%n", y + 25));
                }
                double max = values.values().stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).max().orElse(1);
                int row = y + 10;
                int i = 0;
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    Double v = e.getValue();
                    int bar = v.isNaN() || max <= 0 ? 0 : (int) Math.round((width - 360) * v / max);
                    svg.append(String.format(Locale.ROOT, "<text x=\"30\" y=\"%d\">%s</text>%n", row + 15, escape(e.getKey())));
                    svg.append(String.format(Locale.ROOT, "<rect x=\"220\" y=\"%d\" width=\"%d\" height=\"20\" fill=\"%s\"/>%n", row + 1, bar,
                            COLORS[i % COLORS.length]));
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", 228 + bar, row + 15,
                            v.isNaN() ? "not run" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3g", v)));
                    row += 26;
                    i++;
                }
                return Math.max(row + 14, y + 120);
            }
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
