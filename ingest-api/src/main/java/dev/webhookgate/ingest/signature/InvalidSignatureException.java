package dev.webhookgate.ingest.signature;

/** A signature that is missing, malformed, stale or made with none of the configured secrets; the message says which. */
public class InvalidSignatureException extends RuntimeException {
    public InvalidSignatureException(String message) {
        super(message);
    }
}
