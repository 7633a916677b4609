package dev.webhookgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Whatever a query string holds, reading it is either the values sent or a 400 invalid_parameter: never a 5xx, never a dropped filter. */
class QueryParamsPropertyTest {

    private static final Set<String> KNOWN = Set.of("retailer", "limit");

    @Property(tries = 2000)
    void anyQueryIsReadOrRefusedWith400(@ForAll @StringLength(max = 60) String raw) {
        try {
            QueryParams.parse(raw, KNOWN);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_parameter");
        }
    }

    @Property(tries = 1000)
    void anyValueSentPercentEncodedIsReadBackExactly(@ForAll @StringLength(min = 1, max = 40) String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
            return; // lone surrogates have no UTF-8 form to send
        }
        assertThat(QueryParams.parse("retailer=" + encoded, KNOWN).nonEmpty("retailer")).contains(value);
    }
}
