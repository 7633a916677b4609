package dev.webhookgate.ingest.delivery;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Request headers by case-insensitive name, where a blank value counts as absent (docs/api.md's rule for keys). */
public final class RequestHeaders {

    private final Map<String, String> byName;

    private RequestHeaders(Map<String, String> byName) {
        this.byName = byName;
    }

    public static RequestHeaders of(Map<String, String> headers) {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.put(name, value);
            }
        });
        return new RequestHeaders(copy);
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
