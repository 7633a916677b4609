package dev.webhookgate.ingest.signature;

import java.time.Duration;
import java.time.Instant;

/** The replay window Stripe and Standard Webhooks both use: a signed timestamp more than 300 s off is refused. */
final class Timestamps {

    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private Timestamps() {
    }

    static long parseSeconds(String raw, String header) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException(header + " must carry a Unix timestamp in seconds, got \"" + raw + "\".");
        }
    }

    /** Future timestamps are refused too: a clock far ahead would otherwise stretch the window. */
    static void requireFresh(long epochSeconds, Instant now, String header) {
        // compared against the window's ends, never as a difference: now - t overflows for t near Long.MIN_VALUE
        // and wraps into the window (a timestamp of now - 2^63 passed)
        long earliest = now.getEpochSecond() - TOLERANCE.toSeconds();
        long latest = now.getEpochSecond() + TOLERANCE.toSeconds();
        if (epochSeconds < earliest || epochSeconds > latest) {
            throw new InvalidSignatureException("The timestamp in " + header + " is " + distance(epochSeconds, now)
                    + " away from now; signatures are accepted for " + TOLERANCE.toSeconds() + " s.");
        }
    }

    private static String distance(long epochSeconds, Instant now) {
        try {
            long difference = Math.subtractExact(now.getEpochSecond(), epochSeconds);
            return difference == Long.MIN_VALUE ? "more than 2^62 s" : Math.abs(difference) + " s";
        } catch (ArithmeticException e) {
            return "more than 2^62 s";
        }
    }
}
