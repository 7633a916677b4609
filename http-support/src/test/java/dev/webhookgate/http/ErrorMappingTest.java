package dev.webhookgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

    private static final ErrorMapping MAPPING = ErrorMapping.on(IllegalStateException.class, e -> ApiException.unavailable(e.getMessage()))
            .or(ErrorMapping.on(RuntimeException.class, e -> ApiException.badRequest("invalid_request", e.getMessage())));

    @Test
    void aMappedFailureAndItsSubclassesGetTheirAnswerAndTheFirstMatchWins() {
        assertThat(MAPPING.resolve(new IllegalStateException("closed"))).hasValueSatisfying(answer -> {
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo("unavailable");
            assertThat(answer.getMessage()).isEqualTo("closed");
        });
        // IllegalArgumentException is a RuntimeException, not an IllegalStateException: the second entry answers
        assertThat(MAPPING.resolve(new IllegalArgumentException("bad"))).hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(400));
    }

    @Test
    void aFutureFailureIsLookedThroughAndAnApiExceptionStaysAsItIs() {
        assertThat(MAPPING.resolve(new CompletionException(new IllegalStateException("closed"))))
                .hasValueSatisfying(answer -> assertThat(answer.status()).isEqualTo(503));
        ApiException own = ApiException.notFound("No such key.");
        assertThat(MAPPING.resolve(own)).containsSame(own);
        assertThat(MAPPING.resolve(new CompletionException(own))).containsSame(own);
    }

    @Test
    void whatNoEntryNamesIsNotMapped() {
        assertThat(MAPPING.resolve(new Exception("checked"))).isEmpty();
        assertThat(ErrorMapping.NONE.resolve(new IllegalStateException("closed"))).isEmpty();
    }
}
