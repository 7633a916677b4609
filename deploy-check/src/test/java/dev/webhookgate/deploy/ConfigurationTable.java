package dev.webhookgate.deploy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The variables table of docs/configuration.md: each row's variable and the services it says read it. A row
 * may stand for a family ({@code IDEMPOTENCY_TTL_<PROVIDER>}, with {@code <PROVIDER>} one of the listed names)
 * or a group read by a library ({@code OTEL_*}).
 */
record ConfigurationTable(Map<String, Set<String>> rows) {

    static final String FILE = "docs/configuration.md";

    static ConfigurationTable read() {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : RepoFiles.read(FILE).split("\n")) {
            if (line.startsWith("| variable |")) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (!rows.isEmpty()) {
                    break;
                }
                continue;
            }
            String[] cells = line.split("\\|");
            String name = cells[1].trim().replace("`", "");
            Set<String> services = Arrays.stream(cells[4].split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
            rows.put(name, services);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException(FILE + " has no variables table");
        }
        return new ConfigurationTable(rows);
    }

    /** The row that documents {@code variable}: its own, its family's, or its group's. */
    Optional<String> rowFor(String variable) {
        if (rows.containsKey(variable)) {
            return Optional.of(variable);
        }
        for (String row : rows.keySet()) {
            if (row.endsWith("*") && variable.startsWith(row.substring(0, row.length() - 1))) {
                return Optional.of(row);
            }
            int placeholder = row.indexOf('<');
            if (placeholder > 0 && row.endsWith(">") && variable.startsWith(row.substring(0, placeholder))
                    && variable.length() > placeholder && variable.substring(placeholder).matches("[A-Z0-9_]+")) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    boolean isGroup(String row) {
        return row.endsWith("*");
    }

    Set<String> readers(String row) {
        return rows.getOrDefault(row, Set.of());
    }
}
