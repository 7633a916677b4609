package dev.webhookgate.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class UtcMillisTest {

    @Property
    void contractFormReadsBackAsTheInstantItWasRenderedFrom(
            @ForAll @LongRange(min = -62_135_596_800_000L, max = 253_402_300_799_999L) long epochMilli) {
        Instant instant = Instant.ofEpochMilli(epochMilli);
        String rendered = UtcMillis.format(instant);

        assertThat(UtcMillis.parse(rendered)).isEqualTo(instant).isEqualTo(Instant.parse(rendered));
    }

    @Test
    void otherIsoFormsTakeTheGeneralParserAndLoseTheirSubMillisecondPart() {
        assertThat(UtcMillis.parse("2026-11-28T10:15:30Z")).isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
        assertThat(UtcMillis.parse("2026-11-28T10:15:30.123456789Z")).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
        assertThat(UtcMillis.parse("2026-11-28T11:15:30.123+01:00")).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
    }

    @Test
    void textOfTheRightShapeButNoRealInstantIsRefusedLikeTheGeneralParserRefusesIt() {
        assertThatThrownBy(() -> UtcMillis.parse("2026-02-30T10:15:30.123Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcMillis.parse("2026-11-28T24:15:30.123Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcMillis.parse("2026-1a-28T10:15:30.123Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> UtcMillis.parse("2026-11-28 10:15:30.123Z")).isInstanceOf(DateTimeParseException.class);
    }
}
