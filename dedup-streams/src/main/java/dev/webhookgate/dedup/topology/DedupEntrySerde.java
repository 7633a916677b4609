package dev.webhookgate.dedup.topology;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary form of a {@link DedupEntry}, about 60 bytes: the store holds one per key for days, so
 * the UUID event id and the SHA-256 fingerprint are kept as raw bytes rather than text, and the numbers as
 * variable-length integers (docs/benchmarks-dedup.md, "bytes per key"). A leading version byte lets a release
 * read entries written by an earlier one from the changelog or a local store:
 * <ul>
 *   <li>version 1 (read only): the numbers as fixed 4- and 8-byte big-endian fields, 90 bytes;</li>
 *   <li>version 2 (written): first-seen millis, partition, offset and the duplicate count as zig-zag varints,
 *   last-seen and last offset as zig-zag varint distances from first-seen and offset (one byte each for the
 *   many keys that are never delivered again).</li>
 * </ul>
 * The first delivery's {@link TraceRef} (24 bytes, flag {@code TRACED}) follows the other fields only when
 * tracing was on: it is appended, so a release that does not know the flag still reads every field before it.
 */
public final class DedupEntrySerde implements Serde<DedupEntry>, Serializer<DedupEntry>, Deserializer<DedupEntry> {

    static final byte VERSION = 2;
    private static final byte FIXED_WIDTH_VERSION = 1;
    private static final int TEXT_EVENT_ID = 1;
    private static final int TEXT_FINGERPRINT = 2;
    private static final int TRACED = 4;
    private static final String SHA256 = "sha256:";
    private static final int UUID_LENGTH = 36;
    private static final int SHA256_TEXT_LENGTH = SHA256.length() + 64;

    @Override
    public byte[] serialize(String topic, DedupEntry entry) {
        if (entry == null) {
            return null;
        }
        // The canonical forms round-trip exactly as binary; anything else is kept as text so it reads back unchanged.
        boolean uuid = isCanonicalUuid(entry.eventId());
        boolean sha = isCanonicalSha256(entry.fingerprint());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            TraceRef trace = entry.firstTrace();
            out.writeByte((uuid ? 0 : TEXT_EVENT_ID) | (sha ? 0 : TEXT_FINGERPRINT) | (trace == null ? 0 : TRACED));
            if (uuid) {
                UUID id = UUID.fromString(entry.eventId());
                out.writeLong(id.getMostSignificantBits());
                out.writeLong(id.getLeastSignificantBits());
            } else {
                out.writeUTF(entry.eventId());
            }
            if (sha) {
                out.write(HexFormat.of().parseHex(entry.fingerprint().substring(SHA256.length())));
            } else {
                out.writeUTF(entry.fingerprint());
            }
            long firstSeen = entry.firstSeen().toEpochMilli();
            writeVarint(out, zigZag(firstSeen));
            writeVarint(out, zigZag(entry.partition()));
            writeVarint(out, zigZag(entry.offset()));
            writeVarint(out, zigZag(entry.duplicates()));
            writeVarint(out, zigZag(entry.lastSeen().toEpochMilli() - firstSeen));
            writeVarint(out, zigZag(entry.lastOffset() - entry.offset()));
            if (trace != null) {
                out.writeLong(trace.traceIdHigh());
                out.writeLong(trace.traceIdLow());
                out.writeLong(trace.spanId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static long zigZag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unZigZag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Seven bits per byte, low bits first, the high bit set on every byte but the last (as protobuf writes them). */
    private static void writeVarint(DataOutputStream out, long value) throws IOException {
        long rest = value;
        while ((rest & ~0x7FL) != 0) {
            out.writeByte((int) ((rest & 0x7F) | 0x80));
            rest >>>= 7;
        }
        out.writeByte((int) rest);
    }

    private static long readVarint(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SerializationException("dedup entry has a variable-length integer longer than ten bytes");
    }

    /** Lower-case 8-4-4-4-12 hex; checked by hand because a regex here was a tenth of the stream thread's time. */
    static boolean isCanonicalUuid(String text) {
        if (text.length() != UUID_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_LENGTH; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isLowerHex(c)) {
                return false;
            }
        }
        return true;
    }

    static boolean isCanonicalSha256(String text) {
        if (text.length() != SHA256_TEXT_LENGTH || !text.startsWith(SHA256)) {
            return false;
        }
        for (int i = SHA256.length(); i < SHA256_TEXT_LENGTH; i++) {
            if (!isLowerHex(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowerHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    @Override
    public DedupEntry deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION && version != FIXED_WIDTH_VERSION) {
                throw new SerializationException("dedup entry has version " + version + "; this release reads versions "
                        + FIXED_WIDTH_VERSION + " and " + VERSION);
            }
            int flags = in.readByte();
            String eventId = (flags & TEXT_EVENT_ID) != 0 ? in.readUTF() : new UUID(in.readLong(), in.readLong()).toString();
            String fingerprint;
            if ((flags & TEXT_FINGERPRINT) != 0) {
                fingerprint = in.readUTF();
            } else {
                byte[] digest = new byte[32];
                in.readFully(digest);
                fingerprint = SHA256 + HexFormat.of().formatHex(digest);
            }
            long firstSeen;
            int partition;
            long offset;
            int duplicates;
            long lastSeen;
            long lastOffset;
            if (version == FIXED_WIDTH_VERSION) {
                firstSeen = in.readLong();
                partition = in.readInt();
                offset = in.readLong();
                duplicates = in.readInt();
                lastSeen = in.readLong();
                lastOffset = in.readLong();
            } else {
                firstSeen = unZigZag(readVarint(in));
                partition = (int) unZigZag(readVarint(in));
                offset = unZigZag(readVarint(in));
                duplicates = (int) unZigZag(readVarint(in));
                lastSeen = firstSeen + unZigZag(readVarint(in));
                lastOffset = offset + unZigZag(readVarint(in));
            }
            TraceRef trace = (flags & TRACED) != 0 ? new TraceRef(in.readLong(), in.readLong(), in.readLong()) : null;
            return new DedupEntry(eventId, Instant.ofEpochMilli(firstSeen), fingerprint, partition, offset, duplicates,
                    Instant.ofEpochMilli(lastSeen), lastOffset, trace);
        } catch (IOException e) {
            throw new SerializationException("dedup entry of " + data.length + " bytes is truncated", e);
        }
    }

    @Override
    public Serializer<DedupEntry> serializer() {
        return this;
    }

    @Override
    public Deserializer<DedupEntry> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the encoding is fixed by its version byte
    }

    @Override
    public void close() {
        // holds no resources
    }
}
