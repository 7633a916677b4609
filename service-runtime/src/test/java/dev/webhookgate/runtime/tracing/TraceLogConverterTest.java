package dev.webhookgate.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The services' own logback.xml, as loaded from the classpath, writing through a captured stream. */
class TraceLogConverterTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    // an SDK with no span processor hands out a no-op tracer, so one that records
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build();
    private final Tracer tracer = tracerProvider.get("test");
    private Logger logger;
    private OutputStreamAppender<ILoggingEvent> capture;

    @BeforeEach
    void captureTheConfiguredPattern() {
        LoggerContext context = loggerContext();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> configured = (OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(configured).as("the STDERR appender of service-runtime's logback.xml").isNotNull();
        capture = new OutputStreamAppender<>();
        capture.setContext(context);
        capture.setEncoder(configured.getEncoder());
        capture.setOutputStream(written);
        capture.start();
        logger = context.getLogger("dev.webhookgate.runtime.tracing.test");
        logger.setAdditive(false);
        logger.addAppender(capture);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(capture);
        logger.setAdditive(true);
        capture.stop();
        tracerProvider.close();
    }

    @Test
    void aLineWrittenInsideASpanCarriesItsTraceAndSpanId() {
        Span span = tracer.spanBuilder("work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            LoggerFactory.getLogger("dev.webhookgate.runtime.tracing.test").info("inside");
        } finally {
            span.end();
        }

        assertThat(lines()).containsPattern("INFO dev\\.webhookgate\\.runtime\\.tracing\\.test trace_id="
                + span.getSpanContext().getTraceId() + " span_id=" + span.getSpanContext().getSpanId() + " - inside");
    }

    @Test
    void aLineWrittenOutsideAnySpanHasNoTraceFields() {
        LoggerFactory.getLogger("dev.webhookgate.runtime.tracing.test").info("outside");

        assertThat(lines()).contains("INFO dev.webhookgate.runtime.tracing.test - outside").doesNotContain("trace_id");
    }

    /**
     * Logback's context, once SLF4J has bound it: while another thread (a test class running beside this one)
     * is still initializing SLF4J, it hands out a stand-in factory instead.
     */
    private static LoggerContext loggerContext() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("SLF4J never bound logback: " + LoggerFactory.getILoggerFactory());
            }
            Thread.onSpinWait();
        }
        return context;
    }

    private String lines() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
