package dev.webhookgate.ingest.signature;

import dev.webhookgate.ingest.delivery.RequestHeaders;

/**
 * What a signature is computed over.
 *
 * @param url the URL as the provider called it, query included (only Twilio signs it)
 */
public record SignedRequest(RequestHeaders headers, byte[] body, String contentType, String url) {
}
