package dev.webhookgate.bench.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a broker ({@link BrokerMain}) and the services from their runnable jars as child processes, each
 * counted under its hop for CPU per webhook: what {@link Webhookgate}'s PROCESSES shape and {@link TwoOfEach}
 * both launch, so the two measure the same processes started the same way.
 */
final class ServiceJars {

    /** The hops CPU per webhook is reported for, as {@code scale.cpu_us_per_webhook} names them. */
    static final String BROKER = "broker";
    static final String INGEST = "ingest";
    static final String DEDUP = "dedup";
    static final String ORDERS = "orders";

    private final Path root;
    private final List<String> jvmOptions;
    private final Processes processes;
    private final Path logDir;
    private final String logPrefix;

    ServiceJars(Path root, List<String> jvmOptions, Processes processes, Path logDir, String logPrefix) {
        this.root = root;
        this.jvmOptions = jvmOptions;
        this.processes = processes;
        this.logDir = logDir;
        this.logPrefix = logPrefix;
    }

    /**
     * A broker with the product's topics at {@code partitions}, returning once it listens. A broker of its own
     * because local-stack has no broker-only flag; its heap is fixed so the broker's share does not move with
     * the machine's memory.
     */
    void broker(Path dataDir, int port, int partitions) throws IOException, InterruptedException {
        List<String> cmd = List.of(Processes.java(), "-Xmx1g", "-cp", Processes.classpath(root.resolve("bench/target/bench.jar")),
                BrokerMain.class.getName(), dataDir.toString(), String.valueOf(port), String.valueOf(partitions));
        processes.start(BROKER, cmd, Map.of(), logDir.resolve(logPrefix + "-broker.log"));
        Processes.awaitPort(port, Duration.ofSeconds(60));
    }

    /** {@code module}'s jar ({@code <module>/target/<module>.jar}) with {@code env}; {@code tag} tells its log apart. */
    void service(String module, Map<String, String> env, String tag) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Processes.java()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", root.resolve(module + "/target/" + module + ".jar").toString()));
        processes.start(hop(module), cmd, env, logDir.resolve(logPrefix + "-" + tag + ".log"));
    }

    private static String hop(String module) {
        return switch (module) {
            case "ingest-api" -> INGEST;
            case "dedup-streams" -> DEDUP;
            case "order-consumer" -> ORDERS;
            default -> throw new IllegalArgumentException("not a service module: " + module);
        };
    }
}
