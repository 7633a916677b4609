package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies are UTF-8: JSON per RFC 8259, forms percent-encoded UTF-8. Anything else is 400 invalid_payload, for every provider. */
class StrictUtf8BodiesTest {

    private final PayloadParser parser = new PayloadParser();

    private void refused(Provider provider, byte[] body, String contentType) {
        assertThatThrownBy(() -> parser.parse(provider, body, contentType))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_payload");
                });
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + middle.length + t.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(middle, 0, out, h.length, middle.length);
        System.arraycopy(t, 0, out, h.length + middle.length, t.length);
        return out;
    }

    @Test
    void overlongSequencesInJsonAreRefused() {
        // C0 AF is an overlong '/', E0 80 AF another; both are classic filter bypasses
        refused(Provider.CUSTOM, concat("{\"type\":\"", bytes(0xC0, 0xAF), "\"}"), "application/json");
        refused(Provider.STRIPE, concat("{\"id\":\"evt_", bytes(0xE0, 0x80, 0xAF), "\"}"), "application/json");
    }

    @Test
    void utf16JsonIsRefusedWithOrWithoutItsByteOrderMark() {
        refused(Provider.GITHUB, "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), "application/json");
        refused(Provider.SHOPIFY, "{\"a\":1}".getBytes(StandardCharsets.UTF_16), "application/json");
    }

    @Test
    void loneSurrogatesAndStrayContinuationBytesAreRefused() {
        refused(Provider.STANDARD, concat("{\"a\":\"", bytes(0xED, 0xA0, 0x80), "\"}"), "application/json");
        refused(Provider.CUSTOM, concat("{\"a\":\"", bytes(0x80), "\"}"), "application/json");
        refused(Provider.CUSTOM, concat("{\"a\":\"", bytes(0xF8, 0x88, 0x80, 0x80, 0x80), "\"}"), "application/json");
    }

    @Test
    void rawBytesAndPercentEscapesThatAreNotUtf8AreRefusedInForms() {
        refused(Provider.WHATSAPP, concat("From=x&Body=", bytes(0xFF, 0xFE), "order 1 apple"), "application/x-www-form-urlencoded");
        refused(Provider.WHATSAPP, "From=x&Body=%FF%FEorder+1+apple".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
        refused(Provider.WHATSAPP, "From=x&Body=%C0%AF".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    @Test
    void validUtf8StillPasses() {
        assertThat(parser.parse(Provider.WHATSAPP, "Body=%E2%82%AC+5&From=%F0%9F%98%80".getBytes(StandardCharsets.US_ASCII),
                "application/x-www-form-urlencoded").field("Body")).contains("\u20ac 5");
        assertThat(parser.parse(Provider.CUSTOM, "{\"a\":\"\u20ac \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8), "application/json")
                .field("a")).contains("\u20ac \uD83D\uDE00");
    }
}
