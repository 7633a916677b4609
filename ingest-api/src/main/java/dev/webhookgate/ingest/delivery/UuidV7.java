package dev.webhookgate.ingest.delivery;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/** RFC 9562 version 7: a millisecond timestamp then randomness, so event ids sort by arrival. */
public final class UuidV7 {

    private final SecureRandom random = new SecureRandom();

    public UUID next(Instant at) {
        long millis = at.toEpochMilli();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
