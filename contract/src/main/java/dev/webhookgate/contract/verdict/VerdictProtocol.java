package dev.webhookgate.contract.verdict;

/**
 * The route and headers of the verdict protocol (docs/verdict-protocol.md). The ingest calls it, and a
 * dedup instance calls it on the instance that owns a partition; headers every internal call carries
 * belong here, next to the route, so both callers and the server spell them once.
 */
public final class VerdictProtocol {

    /** {@code POST}: a batch of {@link VerdictQuery}s in, one {@link VerdictItem} per query out, in order. */
    public static final String PATH = "/internal/v1/verdicts";

    /** Set by a dedup instance on what it forwards to an owner: a forwarded query is never forwarded again. */
    public static final String FORWARDED_HEADER = "X-Verdict-Forwarded";

    /** The most queries one request may carry; the ingest sends far fewer per batch. */
    public static final int MAX_QUERIES = 1000;

    private VerdictProtocol() {
    }
}
