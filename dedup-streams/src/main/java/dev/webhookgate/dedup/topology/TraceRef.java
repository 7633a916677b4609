package dev.webhookgate.dedup.topology;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

/**
 * Where a key's first delivery was traced: the trace and span id of its dedup span, 24 bytes in the store
 * ({@link DedupEntrySerde}), so that a duplicate's span can link to it. Kept only while tracing is on and the
 * first delivery's span was sampled; an entry without one costs nothing.
 */
public record TraceRef(long traceIdHigh, long traceIdLow, long spanId) {

    static final int BYTES = 24;

    /** Null for a span that is not recorded: a link to it would point at nothing. */
    public static TraceRef of(SpanContext context) {
        if (!context.isValid() || !context.isSampled()) {
            return null;
        }
        String trace = context.getTraceId();
        return new TraceRef(Long.parseUnsignedLong(trace, 0, 16, 16), Long.parseUnsignedLong(trace, 16, 32, 16),
                Long.parseUnsignedLong(context.getSpanId(), 16));
    }

    public SpanContext spanContext() {
        return SpanContext.createFromRemoteParent(hex(traceIdHigh) + hex(traceIdLow), hex(spanId), TraceFlags.getSampled(),
                TraceState.getDefault());
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
