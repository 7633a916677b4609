package dev.webhookgate.http;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * How a service's own failures are answered over HTTP. The domain (a store, a wait, a database, a peer)
 * throws exceptions of its own and never picks a status; the service's app builds one mapping from those
 * exceptions to {@link ApiException}s and hands it to {@link ErrorResponses#install(io.javalin.config.JavalinConfig, ErrorMapping)},
 * which renders whatever a handler throws or a future fails with. Controllers still throw {@link ApiException}
 * directly for a request they refuse (bad parameters): that is the HTTP edge.
 */
@FunctionalInterface
public interface ErrorMapping {

    /** Knows no failure of its own: only {@link ApiException}s are answered, anything else is a 500. */
    ErrorMapping NONE = error -> Optional.empty();

    /** The answer for one of this service's failures; empty for anything else. */
    Optional<ApiException> answerFor(Throwable error);

    /** Answers {@code type} (and its subclasses) with {@code answer}. */
    static <E extends Throwable> ErrorMapping on(Class<E> type, Function<? super E, ApiException> answer) {
        return error -> type.isInstance(error) ? Optional.of(answer.apply(type.cast(error))) : Optional.empty();
    }

    /** This mapping, and {@code next} for what this one does not know. */
    default ErrorMapping or(ErrorMapping next) {
        return error -> {
            Optional<ApiException> answer = answerFor(error);
            return answer.isPresent() ? answer : next.answerFor(error);
        };
    }

    /** An {@link ApiException} as it is, else this mapping's answer; a future's {@link CompletionException} is looked through. */
    default Optional<ApiException> resolve(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof ApiException api ? Optional.of(api) : answerFor(cause);
    }

    /** What a future failed with, rather than the {@link CompletionException} that carries it. */
    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
