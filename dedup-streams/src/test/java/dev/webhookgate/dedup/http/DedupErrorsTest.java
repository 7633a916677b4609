package dev.webhookgate.dedup.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.dedup.lookup.LookupOverloadedException;
import dev.webhookgate.dedup.lookup.NoSuchPartitionException;
import dev.webhookgate.dedup.lookup.PeerUnreachableException;
import dev.webhookgate.dedup.lookup.PositionNotReachedException;
import dev.webhookgate.dedup.lookup.StoreNotReadyException;
import dev.webhookgate.dedup.ops.CommandNotWrittenException;
import dev.webhookgate.http.ApiException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Each of dedup-streams' own failures gets the status and code docs/api.md gives it, with its sentence unchanged. */
class DedupErrorsTest {

    @Test
    void whatCannotAnswerNowIs503UnavailableWithRetryAfter() {
        for (RuntimeException failure : new RuntimeException[] {
                new StoreNotReadyException("The dedup store is starting; ask again shortly."),
                new LookupOverloadedException("Too many verdicts are waiting for the dedup store."),
                new PeerUnreachableException("Instance 10.0.0.2:8081 did not answer: refused"),
                new CommandNotWrittenException("Kafka did not take the forget command: timeout")}) {
            ApiException answer = answerFor(failure);
            assertThat(answer.status()).as(failure.getClass().getSimpleName()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("unavailable");
            assertThat(answer.getMessage()).isEqualTo(failure.getMessage());
            assertThat(answer.headers()).isEqualTo(Map.of("Retry-After", "5"));
        }
    }

    @Test
    void aPositionNotReachedInTimeIs504VerdictTimeout() {
        ApiException answer = answerFor(new PositionNotReachedException("The dedup store had not processed in-0@7 in time."));
        assertThat(answer.status()).isEqualTo(504);
        assertThat(answer.code()).isEqualTo("verdict_timeout");
        assertThat(answer.getMessage()).isEqualTo("The dedup store had not processed in-0@7 in time.");
    }

    @Test
    void aPartitionInboundDoesNotHaveIs400InvalidRequest() {
        ApiException answer = answerFor(new NoSuchPartitionException("partition must be from 0 to 5, got 9."));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("invalid_request");
        assertThat(answer.getMessage()).isEqualTo("partition must be from 0 to 5, got 9.");
    }

    @Test
    void aFailedFutureIsLookedThroughAndAnythingElseIsNotMapped() {
        assertThat(DedupErrors.MAPPING.resolve(new CompletionException(new StoreNotReadyException("starting"))))
                .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(503));
        assertThat(DedupErrors.MAPPING.resolve(new IllegalStateException("a bug"))).isEmpty();
    }

    private static ApiException answerFor(RuntimeException failure) {
        return DedupErrors.MAPPING.resolve(failure).orElseThrow(() -> new AssertionError("not mapped: " + failure));
    }
}
