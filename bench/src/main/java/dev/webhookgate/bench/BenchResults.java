package dev.webhookgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a benchmark leaves its headline figures for bin/bench: {@code $BENCH_RESULTS_DIR/<scenario>.json}.
 * Without that variable nothing is written, so each bench still runs alone and prints its table.
 */
public final class BenchResults {

    private BenchResults() {
    }

    public static void write(String scenario, Map<String, ?> figures) {
        String dir = System.getenv("BENCH_RESULTS_DIR");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            Path file = Files.createDirectories(Path.of(dir)).resolve(scenario + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), figures);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + scenario + " results to " + dir, e);
        }
    }
}
