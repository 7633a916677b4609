package dev.webhookgate.ingest.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.ProviderProfile;
import dev.webhookgate.http.ApiException;
import java.io.IOException;

/**
 * Every provider posts JSON except Twilio, which posts forms (and JSON for some products). A body that
 * does not parse is refused here, before anything reaches Kafka, because no consumer could read it later.
 */
public final class PayloadParser {

    private static final ObjectReader JSON = ContractJson.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public Payload parse(Provider provider, byte[] body, String contentType) {
        // parsed from the decoded text, never the bytes: Jackson would guess UTF-16 or UTF-32 from the first bytes
        // (UTF-16 without a byte order mark is valid UTF-8 full of NULs) and read them; the contract says UTF-8 only
        String text = StrictUtf8.decode(body).orElseThrow(() -> invalid(provider, "UTF-8",
                "it holds bytes that are not UTF-8 (an overlong or truncated sequence, UTF-16, Latin-1)"));
        if (ProviderProfile.of(provider).formBodies() && (FormBody.isForm(contentType) || !looksLikeJson(body, contentType))) {
            try {
                return new Payload.Form(FormBody.parse(body));
            } catch (IllegalArgumentException e) {
                throw invalid(provider, "form-encoded", e.getMessage());
            }
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw invalid(provider, "JSON", "the body is empty");
            }
            return new Payload.Json(root);
        } catch (JsonProcessingException e) {
            throw invalid(provider, "JSON", e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(provider, "JSON", e.getMessage());
        }
    }

    /** Twilio sends forms unless told otherwise; a JSON content type or a body opening with '{' says otherwise. */
    private static boolean looksLikeJson(byte[] body, String contentType) {
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static ApiException invalid(Provider provider, String format, String detail) {
        return ApiException.badRequest("invalid_payload",
                "The body of a " + provider.id() + " webhook must be " + format + ": " + detail + ".");
    }
}
