package dev.webhookgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md against the code: every variable a service reads has a row naming exactly the services
 * that read it, and every row is read by someone. A failure says which row to add or change.
 */
class ConfigurationReferenceTest {

    private final ConfigurationTable table = ConfigurationTable.read();
    private final Map<String, Set<String>> readByService = ServiceVariables.read();

    @Test
    void theServicesReadVariables() {
        assertThat(readByService.get("ingest-api")).contains("KAFKA_BOOTSTRAP_SERVERS", "STRIPE_WEBHOOK_SECRET", "IDEMPOTENCY_TTL_STRIPE");
        assertThat(readByService.get("local-stack")).contains("KAFKA_PORT");
    }

    @Test
    void everyVariableReadHasARowNamingExactlyItsReaders() {
        Map<String, Set<String>> readersByRow = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        readByService.forEach((service, variables) -> variables.forEach(variable -> {
            String row = table.rowFor(variable).orElse(null);
            if (row == null) {
                readersByRow.computeIfAbsent("missing:" + variable, r -> new TreeSet<>()).add(service);
            } else {
                readersByRow.computeIfAbsent(row, r -> new TreeSet<>()).add(service);
            }
        }));
        readersByRow.forEach((row, readers) -> {
            if (row.startsWith("missing:")) {
                String variable = row.substring("missing:".length());
                problems.add(variable + " is read by " + String.join(", ", readers) + " but has no row; add to " + ConfigurationTable.FILE
                        + ":\n  | `" + variable + "` | <default> | <values> | " + String.join(", ", readers) + " | <meaning> |");
            } else if (!table.readers(row).equals(readers)) {
                problems.add("the row of `" + row + "` says it is read by " + String.join(", ", table.readers(row))
                        + "; the code reads it in " + String.join(", ", readers) + ": change its \"read by\" cell to \""
                        + String.join(", ", readers) + "\"");
            }
        });
        assertThat(problems).as("docs/configuration.md against the code").isEmpty();
    }

    @Test
    void everyRowIsReadBySomeService() {
        Set<String> read = new TreeSet<>();
        readByService.values().forEach(variables -> variables.forEach(v -> table.rowFor(v).ifPresent(read::add)));
        List<String> unread = new ArrayList<>();
        for (String row : table.rows().keySet()) {
            // OTEL_* is read by the OpenTelemetry SDK itself, not through Env
            if (!table.isGroup(row) && !read.contains(row)) {
                unread.add(row + " (no service reads it: remove its row, or read it)");
            }
        }
        assertThat(unread).isEmpty();
    }
}
