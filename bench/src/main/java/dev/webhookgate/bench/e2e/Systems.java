package dev.webhookgate.bench.e2e;

import dev.webhookgate.fixture.FreePorts;
import java.nio.file.Path;
import java.util.List;

/** The systems the benchmarks know by name. */
final class Systems {

    static final List<String> NAMES = List.of("seed-style", "local-stack", "processes", "two-of-each");

    private Systems() {
    }

    static SystemUnderTest of(String name, Path root, Postgres pg, Path logs, String schema, List<String> jvmOptions) {
        return switch (name) {
            case "seed-style" -> new SeedStyle(root, pg, FreePorts.next(), logs, schema);
            case "local-stack" -> new Webhookgate(Webhookgate.Shape.LOCAL_STACK, root, pg, logs, schema, jvmOptions);
            case "processes" -> new Webhookgate(Webhookgate.Shape.PROCESSES, root, pg, logs, schema, jvmOptions);
            case "two-of-each" -> new TwoOfEach(root, pg, logs, schema, jvmOptions);
            default -> throw new IllegalArgumentException("unknown system " + name + ", known: " + NAMES);
        };
    }
}
