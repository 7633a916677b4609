package dev.webhookgate.runtime.tracing;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The {@code %trace} word of logback.xml: {@code " trace_id=… span_id=…"} when the line is written inside a
 * span, nothing otherwise. It reads the current span at the moment the line is written (appenders here are
 * synchronous, so on the logging thread) instead of copying ids into the MDC around every span, so that a
 * process with tracing off pays nothing per record and a process with tracing on pays only per line logged.
 */
public final class TraceLogConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        SpanContext context = Span.current().getSpanContext();
        if (!context.isValid()) {
            return "";
        }
        return " trace_id=" + context.getTraceId() + " span_id=" + context.getSpanId();
    }
}
