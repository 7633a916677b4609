package dev.webhookgate.ingest.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers by case-insensitive name, where a blank value counts as absent (docs/api.md's rule for keys). */
public final class RequestHeaders {

    private final Map<String, String> byName;
    private final Map<String, Integer> counts;

    private RequestHeaders(Map<String, String> byName, Map<String, Integer> counts) {
        this.byName = byName;
        this.counts = counts;
    }

    /** One value per name, as most tests and callers have them. */
    public static RequestHeaders of(Map<String, String> headers) {
        Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                all.put(name, List.of(value));
            }
        });
        return ofAll(all);
    }

    /** Every value of every header as the request carried them, so a header sent twice can be told apart. */
    public static RequestHeaders ofAll(Map<String, List<String>> headers) {
        TreeMap<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TreeMap<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null && !values.isEmpty()) {
                first.putIfAbsent(name, values.get(0));
                counts.merge(name, values.size(), Integer::sum);
            }
        });
        return new RequestHeaders(first, counts);
    }

    /** How many times the request carried this header (0 when absent). */
    public int count(String name) {
        return counts.getOrDefault(name, 0);
    }

    public Optional<String> first(String name) {
        String value = byName.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** Present, even if blank: a blank value is absent for key rules but still shows the header was sent. */
    public Optional<String> raw(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The named headers that are present, with lower-cased names as the envelope stores them. */
    public Map<String, String> lowerCased(List<String> names) {
        Map<String, String> picked = new TreeMap<>();
        for (String name : names) {
            first(name).ifPresent(value -> picked.put(name.toLowerCase(Locale.ROOT), value));
        }
        return picked;
    }
}
