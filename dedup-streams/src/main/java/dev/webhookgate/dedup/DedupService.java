package dev.webhookgate.dedup;

import dev.webhookgate.dedup.topology.DedupTopology;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.dedup.http.DedupApp;
import dev.webhookgate.dedup.http.InternalController;
import dev.webhookgate.dedup.ops.OpsController;
import dev.webhookgate.dedup.verdict.VerdictController;
import dev.webhookgate.dedup.ops.ForgetCommands;
import dev.webhookgate.dedup.lookup.LocalKeyLookup;
import dev.webhookgate.dedup.lookup.PeerClient;
import dev.webhookgate.dedup.lookup.PositionWatch;
import dev.webhookgate.dedup.lookup.RoutedKeyLookup;
import dev.webhookgate.dedup.ops.StatsReader;
import dev.webhookgate.dedup.lookup.StreamsRef;
import dev.webhookgate.dedup.topology.TopicSetup;
import dev.webhookgate.dedup.topology.DecisionListener;
import dev.webhookgate.dedup.topology.DedupRules;
import dev.webhookgate.dedup.metrics.DecisionMetrics;
import dev.webhookgate.http.KafkaMeters;
import dev.webhookgate.http.Metrics;
import dev.webhookgate.http.Route;
import dev.webhookgate.http.RouteListing;
import dev.webhookgate.runtime.fatal.FatalErrorGuard;
import dev.webhookgate.runtime.tracing.Tracing;
import io.javalin.Javalin;
import java.util.List;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running dedup-streams instance: topics checked, HTTP up, then Streams. */
public final class DedupService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DedupService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int VERDICT_THREADS = 2;

    private final Javalin http;
    private final KafkaStreams streams;
    private final KafkaMeters streamsMetrics;
    private final ForgetCommands commands;
    private final ScheduledExecutorService scheduler;
    private final PrometheusMeterRegistry registry;
    private final StreamsRef ref;
    private final Tracing tracing;
    private final CloseOptions closeOptions;

    private DedupService(Javalin http, KafkaStreams streams, KafkaMeters streamsMetrics, ForgetCommands commands,
                         ScheduledExecutorService scheduler, PrometheusMeterRegistry registry, StreamsRef ref, Tracing tracing,
                         CloseOptions closeOptions) {
        this.tracing = tracing;
        this.closeOptions = closeOptions;
        this.http = http;
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.commands = commands;
        this.scheduler = scheduler;
        this.registry = registry;
        this.ref = ref;
    }

    /** Returns once Streams is started, without waiting for RUNNING; see {@link #isReady()}. */
    public static DedupService start(DedupConfig config) {
        return start(config, Tracing.OFF);
    }

    /** @param tracing closed with the service, after Streams */
    public static DedupService start(DedupConfig config, Tracing tracing) {
        TopicSetup.prepare(config);
        PrometheusMeterRegistry registry = Metrics.registry("dedup-streams");
        StreamsRef ref = new StreamsRef();
        // Two threads: wake-ups and timeouts of waiting verdicts run their store query and reply here,
        // never on the stream thread.
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(VERDICT_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "dedup-verdict-waits");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a verdict answered early must not leave its timeout queued
        PositionWatch watch = new PositionWatch(LocalKeyLookup.MAX_PENDING, scheduler);
        PeerClient peers = new PeerClient(registry, config.access());
        ForgetCommands commands = new ForgetCommands(config.kafka(), config.applicationId() + "-forget", config.topics());
        RoutedKeyLookup lookup = new RoutedKeyLookup(ref, new LocalKeyLookup(ref, watch, scheduler), peers, commands::partitionCount);
        StatsReader stats = new StatsReader(ref, peers, config.idempotency(), Clock.systemUTC(), commands::partitionCount);
        Javalin http = DedupApp.create(
                new VerdictController(lookup, peers, config.topics()),
                new InternalController(lookup, stats, config.topics()),
                new OpsController(lookup, stats, commands, config.idempotency(), Clock.systemUTC()),
                config.access(),
                ref::readinessProblem,
                registry);
        KafkaStreams streams = null;
        KafkaMeters streamsMetrics = null;
        try {
            http.start(config.port());
            URI advertised = config.advertisedUrl().orElse(URI.create("http://127.0.0.1:" + http.port()));
            HostInfo self = new HostInfo(advertised.getHost(), advertised.getPort());
            streams = new KafkaStreams(DedupTopology.buildTopology(config, new DecisionMetrics(registry, config.idempotency()), watch, tracing),
                    DedupTopology.streamsConfig(config, self.host() + ":" + self.port()));
            // A stream thread dies only of what Streams could not handle (its own retries and the topology's
            // handlers come first). The client shuts down and the process exits, so the orchestrator starts a
            // fresh one that restores its tasks, rather than an instance that stays up answering 503 for good.
            streams.setUncaughtExceptionHandler(error -> {
                FatalErrorGuard.stopProcess("a dedup stream thread", error);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            ref.set(streams, self);
            DedupGauges.register(registry, streams, config.idempotency());
            KafkaStreams bound = streams;
            streamsMetrics = KafkaMeters.bind(config.applicationId(), config.kafkaMetricsRefresh(), registry,
                    (refresher, every) -> new KafkaStreamsMetrics(bound, List.of(), refresher, every));
            streams.start();
        } catch (RuntimeException e) {
            if (streams != null) {
                streams.close(CLOSE_TIMEOUT);
            }
            if (streamsMetrics != null) {
                streamsMetrics.close();
            }
            http.stop();
            commands.close();
            scheduler.shutdownNow();
            registry.close();
            tracing.close();
            throw e;
        }
        log.info("dedup-streams listening on port {}, application.server {}:{}, {}", http.port(), ref.self().host(), ref.self().port(),
                config.kafka());
        return new DedupService(http, streams, streamsMetrics, commands, scheduler, registry, ref, tracing, closeOptions(config));
    }

    public int port() {
        return http.port();
    }

    /** The endpoints this service serves, from its router (the access walk and API drift checks read them). */
    public List<Route> routes() {
        return RouteListing.of(http);
    }

    /** Streams is RUNNING: every partition assigned here is restored and processing. */
    public boolean isReady() {
        return ref.isRunning();
    }

    KafkaStreams streams() {
        return streams;
    }

    /**
     * A dynamic member's id dies with it, so staying in the group on a clean stop would only keep its partitions
     * unowned (no verdicts, only 202s) until the broker gives up on its session, 45 s by default: it leaves, and the
     * others take its tasks at once. A static member ({@code DEDUP_INSTANCE_ID}) stays: its restart comes back under
     * the same id and takes its tasks back without a rebalance, which is what static membership is for.
     */
    static CloseOptions closeOptions(DedupConfig config) {
        return CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(config.instanceId().isPresent()
                ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    }

    @Override
    public void close() {
        try {
            streams.close(closeOptions);
        } finally {
            streamsMetrics.close();
            http.stop();
            commands.close();
            scheduler.shutdownNow();
            registry.close();
            tracing.close();
        }
    }
}
