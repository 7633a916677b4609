package dev.webhookgate.dedup.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Fingerprint;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DedupEntrySerdeTest {

    private final DedupEntrySerde serde = new DedupEntrySerde();

    @Test
    void canonicalEntryRoundTripsInSixtyEightBytesAtMost() {
        DedupEntry entry = new DedupEntry("01936f1e-7a2b-7c3d-8e4f-5a6b7c8d9e0f", Instant.parse("2026-11-28T10:15:30.123Z"),
                Fingerprint.of("{}".getBytes(StandardCharsets.UTF_8)), 5, 123_456_789L, 3, Instant.parse("2026-11-28T11:00:00.001Z"), 123_456_800L);

        byte[] bytes = serde.serialize("t", entry);

        assertThat(bytes.length).isLessThanOrEqualTo(68);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(entry);
    }

    @Test
    void aKeyDeliveredOnceCostsAtMostSixtyFourBytes() {
        DedupEntry entry = new DedupEntry("01936f1e-7a2b-7c3d-8e4f-5a6b7c8d9e0f", Instant.parse("2026-11-28T10:15:30.123Z"),
                Fingerprint.of("{}".getBytes(StandardCharsets.UTF_8)), 2, 1_500_000L, 0, Instant.parse("2026-11-28T10:15:30.123Z"), 1_500_000L);

        byte[] bytes = serde.serialize("t", entry);

        assertThat(bytes.length).isLessThanOrEqualTo(64);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(entry);
    }

    @Test
    void numbersAtTheEdgesOfTheirRangesRoundTrip() {
        for (long offset : List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE)) {
            for (Instant seen : List.of(Instant.ofEpochMilli(-1), Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE / 4))) {
                DedupEntry entry = new DedupEntry("evt_1", seen, "md5:abc", Integer.MAX_VALUE, offset, Integer.MAX_VALUE,
                        Instant.EPOCH, Long.MAX_VALUE - 1);

                assertThat(serde.deserialize("t", serde.serialize("t", entry))).isEqualTo(entry);
            }
        }
    }

    /** Written by the release before the varint layout (fixed 4- and 8-byte numbers), traced, canonical id and fingerprint. */
    private static final String VERSION_1_TRACED = "010401936f1e7a2b7c3d8e4f5a6b7c8d9e0f"
            + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
            + "000001a221a71e4b" + "00000005" + "00000000075bcd15" + "00000003" + "000001a221cfdb81" + "00000000075bcd20"
            + "4bf92f3577b34da6a3ce929d0e0e473600f067aa0ba902b7";
    /** The same release, an event id and fingerprint kept as text. */
    private static final String VERSION_1_TEXT = "0103" + "000a6576745f314e71475a32" + "00076d64353a616263"
            + "000001a221a71e4b" + "00000000" + "0000000000000007" + "00000000" + "000001a221a71e4b" + "0000000000000007";

    @Test
    void entriesWrittenByTheFixedWidthReleaseStillReadBack() {
        assertThat(serde.deserialize("t", HexFormat.of().parseHex(VERSION_1_TRACED))).isEqualTo(new DedupEntry(
                "01936f1e-7a2b-7c3d-8e4f-5a6b7c8d9e0f", Instant.parse("2026-11-28T10:15:30.123Z"), "sha256:" + "0123456789abcdef".repeat(4),
                5, 123_456_789L, 3, Instant.parse("2026-11-28T11:00:00.001Z"), 123_456_800L,
                new TraceRef(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L)));
        assertThat(serde.deserialize("t", HexFormat.of().parseHex(VERSION_1_TEXT))).isEqualTo(new DedupEntry(
                "evt_1NqGZ2", Instant.parse("2026-11-28T10:15:30.123Z"), "md5:abc", 0, 7, 0, Instant.parse("2026-11-28T10:15:30.123Z"), 7));
    }

    @Test
    void aTruncatedEntryIsRejectedWithASentence() {
        byte[] whole = serde.serialize("t", new DedupEntry("evt_1", Instant.EPOCH, "md5:abc", 0, 300, 0, Instant.EPOCH, 300));

        assertThatThrownBy(() -> serde.deserialize("t", java.util.Arrays.copyOf(whole, whole.length - 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void aTracedFirstDeliveryCostsTwentyFourBytesMoreAndReadsBackItsSpan() {
        DedupEntry untraced = new DedupEntry("01936f1e-7a2b-7c3d-8e4f-5a6b7c8d9e0f", Instant.parse("2026-11-28T10:15:30.123Z"),
                Fingerprint.of("{}".getBytes(StandardCharsets.UTF_8)), 5, 123_456_789L, 3, Instant.parse("2026-11-28T11:00:00.001Z"), 123_456_800L);
        SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
        DedupEntry traced = untraced.withFirstTrace(TraceRef.of(span));

        byte[] bytes = serde.serialize("t", traced);

        assertThat(bytes.length).isEqualTo(serde.serialize("t", untraced).length + 24);
        DedupEntry read = serde.deserialize("t", bytes);
        assertThat(read).isEqualTo(traced);
        assertThat(read.firstTrace().spanContext().getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(read.firstTrace().spanContext().getSpanId()).isEqualTo("00f067aa0ba902b7");
        // a later delivery keeps the first one's trace
        assertThat(read.seenAgain(Instant.parse("2026-11-28T12:00:00Z"), 123_456_900L, true).firstTrace()).isEqualTo(read.firstTrace());
    }

    @Test
    void anUnsampledSpanIsNotKept() {
        SpanContext span = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault());

        assertThat(TraceRef.of(span)).isNull();
    }

    @Test
    void nonCanonicalIdsAndFingerprintsReadBackUnchanged() {
        DedupEntry entry = new DedupEntry("evt-not-a-uuid", Instant.EPOCH, "md5:abc", 0, 0, 0, Instant.EPOCH, 0);

        assertThat(serde.deserialize("t", serde.serialize("t", entry))).isEqualTo(entry);
    }

    @Test
    void almostCanonicalIdsAndFingerprintsAreKeptAsTextSoTheyReadBackUnchanged() {
        String upperCaseUuid = "0192F3A4-5B6C-7D8E-9F01-23456789ABCD";
        String dashMoved = "0192f3a45-b6c-7d8e-9f01-23456789abcd";
        String shortSha = "sha256:" + "ab".repeat(31);
        String upperSha = "sha256:" + "AB".repeat(32);
        for (String eventId : List.of(upperCaseUuid, dashMoved, "0192f3a4-5b6c-7d8e-9f01-23456789abcg")) {
            for (String fingerprint : List.of(shortSha, upperSha, "sha255:" + "ab".repeat(32))) {
                DedupEntry entry = new DedupEntry(eventId, Instant.EPOCH, fingerprint, 0, 0, 0, Instant.EPOCH, 0);

                assertThat(serde.deserialize("t", serde.serialize("t", entry))).isEqualTo(entry);
            }
        }
    }

    @Test
    void unknownVersionIsRejectedWithASentence() {
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("version 9");
    }
}
