package dev.webhookgate.chaos;

import dev.webhookgate.fixture.PrometheusText;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 4: the custom provider's TTL at 20 s. Each key is delivered, retried 13 s later (inside the
 * TTL: a duplicate, answered with the first ack and the replay header) and again 27 s after the first
 * (7 s past expiry: a new event, processed once more, and counted by dedup-streams as an expired
 * redelivery). Judged per TTL period: each period exactly once in the ledger. The quick run shortens the
 * TTL to 12 s with retries at 6 s and 17 s: still at least 5 s from the expiry either way, more than a
 * delivery's delay on a busy machine, since expiry is judged by the ingest's receive times.
 */
final class TtlExpiry implements Scenario {

    /** The custom provider's TTL and when each key is delivered again: once inside it, once past it. */
    record Timing(Duration ttl, long beforeExpiryMillis, long afterExpiryMillis) {
        static final Timing FULL = new Timing(Duration.ofSeconds(20), 13_000, 27_000);
        static final Timing QUICK = new Timing(Duration.ofSeconds(12), 6_000, 17_000);
    }

    @Override
    public String name() {
        return "4-retry-after-ttl";
    }

    @Override
    public Result run(ChaosContext ctx) {
        int keys = ctx.quick() ? 60 : 200;
        Timing timing = ctx.quick() ? Timing.QUICK : Timing.FULL;
        Brokers.Single brokers = ctx.singleBroker();
        Map<String, String> ttl = Map.of("IDEMPOTENCY_TTL_CUSTOM", String.valueOf(timing.ttl().toSeconds()));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, WebhookClient.daemon("chaos-ttl"));
        try (Campaign c = new Campaign(ctx, "s4", brokers, new Stack.Options(1, true, ttl, true));
             Load load = new Load(c.client(), c.seen, "ttl", 0)) {
            for (int n = 0; n < keys; n++) {
                String key = "ttl-" + n;
                String body = Bodies.valid(key, n);
                c.seen.planned(key, Observations.Kind.VALID);
                load.deliver(key, key, 0, body, 0, false);
                timer.schedule(() -> load.deliver(key, key, 0, body, 0, false), timing.beforeExpiryMillis(), TimeUnit.MILLISECONDS);
                timer.schedule(() -> load.deliver(key, key, 1, body, 0, false), timing.afterExpiryMillis(), TimeUnit.MILLISECONDS);
                Pause.millis(25);
            }
            Pause.millis(timing.afterExpiryMillis() + 1000);
            load.awaitQuiet(Duration.ofSeconds(120));
            Result result = Result.of(c.finish());
            checkPeriods(c.seen, keys, result);
            checkMetrics(c.stack.dedup(1), keys, result);
            c.cleanUp(result.passed());
            return result;
        } finally {
            timer.shutdownNow();
        }
    }

    /**
     * Inside the TTL a 200 is the first ack again, as a replay; past it, a 200 carries a new event id and is
     * no replay. A 202 carries only its own delivery's ack, so it says nothing either way; the ledger's
     * exactly-once-per-period check covers those keys.
     */
    private static void checkPeriods(Observations seen, int keys, Result result) {
        int replayed = 0;
        int renewed = 0;
        int wrong = 0;
        for (int n = 0; n < keys; n++) {
            String key = "ttl-" + n;
            List<Answer> answers = seen.answers(key);
            Optional<String> first = answers.stream().filter(a -> a.epoch() == 0 && a.accepted()).map(Answer::eventId).findFirst();
            if (first.isEmpty()) {
                continue;
            }
            for (Answer a : answers) {
                if (a.status() != 200) {
                    continue;
                }
                boolean sameEvent = a.eventId().equals(first.get());
                if (a.epoch() == 0 && a.replayed()) {
                    replayed += sameEvent ? 1 : 0;
                    wrong += sameEvent ? 0 : 1;
                } else if (a.epoch() == 1) {
                    renewed += !sameEvent && !a.replayed() ? 1 : 0;
                    wrong += !sameEvent && !a.replayed() ? 0 : 1;
                }
            }
        }
        result.notes().add("200 answers inside the TTL that replayed the first ack: " + replayed + "; 200 answers past the TTL"
                + " with a new event: " + renewed + "; answers contradicting the TTL: " + wrong + " (of " + keys + " keys; 202s say neither)");
        if (wrong > 0) {
            result.problems().add(wrong + " answers contradict the TTL (a replay past it, or a new event inside it)");
        }
        if (replayed == 0 || renewed == 0) {
            result.problems().add("no 200 answer inside or past the TTL to judge the TTL by (all 202)");
        }
    }

    /** dedup-streams' own account, read from its /metrics answer: the gaps and the expired redeliveries. */
    private static void checkMetrics(ServiceProcess dedup, int keys, Result result) {
        String scrape;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(dedup.url("/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            scrape = response.body();
        } catch (IOException e) {
            result.problems().add("dedup-streams /metrics did not answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double expired = PrometheusText.value(scrape, "webhookgate_dedup_expired_redeliveries_total", "provider=\"custom\"");
        double gaps = PrometheusText.value(scrape, "webhookgate_dedup_duplicate_gap_seconds_count", "provider=\"custom\"");
        result.notes().add("webhookgate_dedup_expired_redeliveries_total{provider=custom}=" + (long) expired
                + " webhookgate_dedup_duplicate_gap_seconds_count{provider=custom}=" + (long) gaps);
        if (expired != keys) {
            result.problems().add("expected " + keys + " expired redeliveries counted, /metrics says " + expired);
        }
        if (gaps < keys) {
            result.problems().add("expected at least " + keys + " duplicate gaps recorded, /metrics says " + gaps);
        }
    }
}
