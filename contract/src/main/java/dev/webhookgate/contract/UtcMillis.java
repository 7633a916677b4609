package dev.webhookgate.contract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps on the wire (docs/api.md) are UTC with exactly three fraction digits, so that an acknowledgment
 * rendered on one machine is byte-identical when another renders it again.
 *
 * <p>Every inbound record is parsed once on the dedup stream thread and every verdict renders one, where
 * {@code java.time}'s general formatters showed up in the profile: the one fixed form
 * ({@code 2026-11-28T10:15:30.123Z}) takes a direct path, anything else the general parser.
 */
public final class UtcMillis {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int CONTRACT_LENGTH = "2026-11-28T10:15:30.123Z".length();

    private UtcMillis() {
    }

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static Instant parse(String text) {
        Instant exact = parseContractForm(text);
        return exact != null ? exact : truncate(Instant.parse(text));
    }

    /** Null when the text is not exactly that form; the general parser then decides (and explains). */
    private static Instant parseContractForm(String text) {
        if (text.length() != CONTRACT_LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            long epochSecond = LocalDate.of(year, month, day).atTime(LocalTime.of(hour, minute, second)).toEpochSecond(ZoneOffset.UTC);
            return Instant.ofEpochSecond(epochSecond, millis * 1_000_000L);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
