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
        long skew = Math.abs(now.getEpochSecond() - epochSeconds);
        if (skew > TOLERANCE.toSeconds()) {
            throw new InvalidSignatureException("The timestamp in " + header + " is " + skew
                    + " s away from now; signatures are accepted for " + TOLERANCE.toSeconds() + " s.");
        }
    }
}
