package dev.webhookgate.contract;

import java.util.Locale;

/** Why a delivery went to the duplicates topic instead of unique. */
public enum Verdict {
    DUPLICATE,
    CONFLICT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
