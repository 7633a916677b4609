package dev.webhookgate.ingest.signature;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One provider's documented way of signing a webhook. */
public interface SignatureScheme {

    /**
     * Passes when any one of {@code secrets} produced one of the request's signatures (rotation).
     *
     * @throws InvalidSignatureException otherwise, with a sentence a provider's operator can act on
     */
    void verify(SignedRequest request, List<String> secrets, Instant now);

    /** What is wrong with a configured secret that this scheme could never sign with, as the end of a sentence naming its variable. */
    default Optional<String> secretProblem(String secret) {
        return Optional.empty();
    }
}
