package dev.webhookgate.ingest.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Provider;
import dev.webhookgate.http.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadParserTest {

    private final PayloadParser parser = new PayloadParser();

    private Payload parse(Provider provider, String body, String contentType) {
        return parser.parse(provider, body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    @Test
    void jsonProvidersRefuseBodiesThatAreNotJson() {
        for (Provider provider : new Provider[] {Provider.STRIPE, Provider.GITHUB, Provider.SHOPIFY, Provider.STANDARD, Provider.CUSTOM}) {
            for (String bad : new String[] {"", "{", "{\"a\":1} trailing", "a=b"}) {
                assertThatThrownBy(() -> parse(provider, bad, "application/json"))
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_payload"));
            }
        }
    }

    @Test
    void whatsappTakesFormsAndJson() {
        assertThat(parse(Provider.WHATSAPP, "From=whatsapp%3A%2B977&Body=Order+10+apples", "application/x-www-form-urlencoded")
                .field("Body")).contains("Order 10 apples");
        assertThat(parse(Provider.WHATSAPP, "{\"Body\":\"Order 10 apples\"}", "application/json").field("Body")).contains("Order 10 apples");
        assertThatThrownBy(() -> parse(Provider.WHATSAPP, "{\"Body\":", "application/json")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> parse(Provider.WHATSAPP, "Body=%zz", "application/x-www-form-urlencoded"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("invalid_payload"));
    }
}
