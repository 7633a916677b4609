package dev.webhookgate.dedup.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the store keeps per key: the first delivery's identity and where it came from, never its body.
 *
 * @param partition    inbound partition of the first delivery
 * @param offset       inbound offset of the first delivery: a record at this offset is that delivery again
 * @param lastOffset   newest inbound offset applied to this entry: anything at or below it is a replay
 * @param duplicates   same-fingerprint deliveries dropped since the first
 * @param firstTrace   the first delivery's dedup span, for duplicates' links; null when it was not traced
 */
public record DedupEntry(
        String eventId,
        Instant firstSeen,
        String fingerprint,
        int partition,
        long offset,
        int duplicates,
        Instant lastSeen,
        long lastOffset,
        TraceRef firstTrace) {

    public DedupEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** An entry of a delivery that was not traced. */
    public DedupEntry(String eventId, Instant firstSeen, String fingerprint, int partition, long offset, int duplicates,
                      Instant lastSeen, long lastOffset) {
        this(eventId, firstSeen, fingerprint, partition, offset, duplicates, lastSeen, lastOffset, null);
    }

    public DedupEntry withFirstTrace(TraceRef trace) {
        return new DedupEntry(eventId, firstSeen, fingerprint, partition, offset, duplicates, lastSeen, lastOffset, trace);
    }

    public static DedupEntry first(InboundDelivery delivery, int partition, long offset) {
        return new DedupEntry(delivery.eventId(), delivery.receivedAt(), delivery.fingerprint(), partition, offset, 0,
                delivery.receivedAt(), offset);
    }

    /** A later delivery of the same key; {@code duplicate} is false for a conflict, which is not counted. */
    public DedupEntry seenAgain(Instant at, long atOffset, boolean duplicate) {
        Instant newest = at.isAfter(lastSeen) ? at : lastSeen;
        return new DedupEntry(eventId, firstSeen, fingerprint, partition, offset, duplicate ? duplicates + 1 : duplicates,
                newest, Math.max(lastOffset, atOffset), firstTrace);
    }

    /** The TTL counts from the first delivery; the instant of expiry is itself outside it. */
    public Instant expiresAt(Duration ttl) {
        return firstSeen.plus(ttl);
    }

    public boolean isExpiredAt(Instant at, Duration ttl) {
        return !at.isBefore(expiresAt(ttl));
    }
}
