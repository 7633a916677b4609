package dev.webhookgate.runtime.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed, validated reads of environment variables. Every service reads its settings through one of
 * these at start-up, so a bad value stops the process with a sentence naming the variable.
 */
public final class Env {

    private final Map<String, String> vars;
    private final Consumer<String> onRead;

    public Env(Map<String, String> vars) {
        this(vars, name -> { });
    }

    private Env(Map<String, String> vars, Consumer<String> onRead) {
        this.vars = Map.copyOf(vars);
        this.onRead = onRead;
    }

    /**
     * An Env that tells {@code onRead} the name of every variable it is asked for, set or not, and so do its
     * copies: how ConfigurationReferenceTest learns which variables each service reads.
     */
    public static Env recording(Map<String, String> vars, Consumer<String> onRead) {
        return new Env(vars, onRead);
    }

    public static Env system() {
        return new Env(System.getenv());
    }

    /** A copy with one variable set, as command-line flags override the environment. */
    public Env with(String name, String value) {
        Map<String, String> copy = new HashMap<>(vars);
        copy.put(name, value);
        return new Env(copy, onRead);
    }

    /** A copy with each variable set that is not set already. */
    public Env withDefaults(Map<String, String> defaults) {
        Map<String, String> copy = new HashMap<>(defaults);
        copy.putAll(vars);
        return new Env(copy, onRead);
    }

    /** Every set variable whose name starts with {@code prefix}, for libraries that read a family of their own (OTEL_*). */
    public Map<String, String> startingWith(String prefix) {
        Map<String, String> found = new HashMap<>();
        vars.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null && !value.isBlank()) {
                found.put(name, value.trim());
            }
        });
        return found;
    }

    /** Blank counts as unset: an empty {@code FOO=} in a compose file means "use the default". */
    public Optional<String> optional(String name) {
        onRead.accept(name);
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " must be set"));
    }

    public long longInRange(String name, long fallback, long min, long max) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", got \"" + raw.get() + "\"");
    }

    public int intInRange(String name, int fallback, int min, int max) {
        return (int) longInRange(name, fallback, min, max);
    }

    public int port(String name, int fallback) {
        return intInRange(name, fallback, 0, 65535);
    }

    public boolean bool(String name, boolean fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, got \"" + raw.get() + "\"");
        };
    }

    /** Seconds as a whole number ({@code 86400}) or an ISO-8601 duration ({@code PT24H}, {@code P3D}). */
    public Duration positiveDuration(String name, Duration fallback) {
        Optional<String> raw = optional(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        Duration value;
        try {
            String text = raw.get();
            value = text.matches("-?\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : parseIso(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            value = null;
        }
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigException(name + " must be a positive duration (seconds or ISO-8601 such as PT24H), got \""
                    + raw.get() + "\"");
        }
        return value;
    }

    public Duration positiveMillis(String name, long fallbackMillis) {
        return Duration.ofMillis(longInRange(name, fallbackMillis, 1, Long.MAX_VALUE / 2));
    }

    /** Comma-separated, trimmed, empty items dropped: how secrets are listed during a rotation. */
    public List<String> list(String name) {
        return optional(name)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public URI httpUrl(String name, String fallback) {
        String raw = string(name, fallback);
        try {
            URI uri = URI.create(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new ConfigException(name + " must be an http(s) URL such as http://localhost:8081, got \"" + raw + "\"");
    }

    private static Duration parseIso(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        // Duration.parse rejects day-only forms like P3D without a time part; accept them as users write them.
        if (upper.startsWith("P") && !upper.contains("T") && upper.endsWith("D")) {
            return Duration.ofDays(Long.parseLong(upper.substring(1, upper.length() - 1)));
        }
        return Duration.parse(upper);
    }
}
