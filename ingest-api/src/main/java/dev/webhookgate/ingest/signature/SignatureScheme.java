package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.List;

/** One provider's documented way of signing a webhook. */
public interface SignatureScheme {

    /**
     * Passes when any one of {@code secrets} produced one of the request's signatures (rotation).
     *
     * @throws InvalidSignatureException otherwise, with a sentence a provider's operator can act on
     */
    void verify(SignedRequest request, List<String> secrets, Instant now);
}
