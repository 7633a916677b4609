package dev.webhookgate.http.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What happens to a request before any thread of ours is given to it:
 * <ol>
 *   <li>a {@code Content-Length} over the limit is 413 at once, before any byte of the body is read, so
 *       {@code Expect: 100-continue} never gets its {@code 100};</li>
 *   <li>the body is read without holding a thread: chunks are retained as they arrive (Jetty's {@code demand}) and
 *       the routes are called once the last one is in, so clients that send most of a body and stall hold memory
 *       up to the limit, never one of the threads that serve the others;</li>
 *   <li>a body that has not fully arrived {@link #BODY_DEADLINE} after its headers is 408, and bad framing is 400,
 *       both through {@link JsonErrorHandler};</li>
 *   <li>after a 413, what the client still sends is read and dropped ({@link Drain}) before the exchange ends.</li>
 * </ol>
 * Jetty's own {@code EagerContentHandler} does the second but not the third: it takes the idle timeout's
 * transient failure for more content and keeps waiting, so a stalled body was never answered.
 */
final class RequestGate extends Handler.Wrapper {

    static final Duration BODY_DEADLINE = Duration.ofSeconds(10);
    /** A String our own refusals leave for {@link JsonErrorHandler}, instead of its fixed sentence. */
    static final String MESSAGE_ATTRIBUTE = RequestGate.class.getName() + ".message";
    /** Chunk framing retained on top of the body (8 bytes a chunk, as Jetty estimates it): the margin over the routes' limit. */
    private static final long FRAMING_MARGIN = 64 * 1024;
    private static final int FRAMING_PER_CHUNK = 8;
    /** How much of a refused body is read and dropped, at most, so the client can read its 413 (see {@link Drain}). */
    private static final long DRAIN_BYTES = 8L * 1024 * 1024;
    private static final Duration DRAIN_TIME = Duration.ofSeconds(3);

    private final long maxBodyBytes;
    private final Predicate<String> routed;

    /** @param routed paths a route answers: the others go on unread, so a 404 still comes before a 413 */
    RequestGate(long maxBodyBytes, Predicate<String> routed) {
        this.maxBodyBytes = maxBodyBytes;
        this.routed = routed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getLength();
        if (!routed.test(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        if (length > maxBodyBytes) {
            refuse(request, response, callback, 413);
            return true;
        }
        if (length <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        new Load(request, response, callback).start();
        return true;
    }

    private void refuse(Request request, Response response, Callback callback, int status) {
        if (status == 413) {
            String message = "The body is larger than " + maxBodyBytes + " bytes.";
            if (!request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) {
                // not Response.writeError: it drops the unread body at once and marks the connection for closing
                JsonErrorHandler.write(response, 413, message, new Drain(request, callback));
                return;
            }
            request.setAttribute(MESSAGE_ATTRIBUTE, message);
        }
        Response.writeError(request, response, callback, status);
    }

    /** One body being read; {@link #decided} is set once, by whichever comes first: the last chunk, a failure, the deadline. */
    private final class Load implements Runnable {

        private final Request request;
        private final Response response;
        private final Callback callback;
        private final Deque<Content.Chunk> chunks = new ArrayDeque<>();
        private long estimatedSize;
        private boolean decided;
        private Scheduler.Task deadline;

        Load(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            deadline = getServer().getScheduler().schedule(this::expire, BODY_DEADLINE);
            run();
        }

        /** Reads what has arrived; called again by Jetty (on a pool thread) when more does. */
        @Override
        public synchronized void run() {
            while (!decided) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    // last: bad framing or the client gone; transient: Jetty's idle timeout
                    int status = chunk.isLast() ? ClientFaults.statusOf(chunk.getFailure()).orElse(400) : 408;
                    decide();
                    refuse(request, response, callback, status);
                    return;
                }
                chunks.add(chunk);
                estimatedSize += chunk.remaining() + FRAMING_PER_CHUNK;
                if (estimatedSize > maxBodyBytes + FRAMING_MARGIN) {
                    decide();
                    refuse(request, response, callback, 413);
                    return;
                }
                if (chunk.isLast()) {
                    deadline.cancel();
                    decided = true;
                    dispatch();
                    return;
                }
            }
        }

        private synchronized void expire() {
            if (!decided) {
                decide();
                refuse(request, response, callback, 408);
            }
        }

        private void decide() {
            decided = true;
            deadline.cancel();
            chunks.forEach(Content.Chunk::release);
            chunks.clear();
        }

        private void dispatch() {
            Replay replay = new Replay(request, chunks, callback);
            try {
                if (!getHandler().handle(replay, response, replay)) {
                    Response.writeError(request, response, replay, 404);
                }
            } catch (Throwable t) {
                Response.writeError(request, response, replay, t);
            }
        }
    }

    /**
     * Ends a refused exchange only once the client has stopped sending, as nginx's lingering close does. Most
     * clients (Java's HttpClient, providers' senders) write the whole body before reading; closing while it still
     * arrives makes the kernel answer with a reset, and a reset can discard the 413 before the client reads it.
     * The 413 is written first, so it is still answered at once; reading what follows is bounded by
     * {@link #DRAIN_BYTES} and {@link #DRAIN_TIME}, and holds no thread. A client that asked
     * {@code Expect: 100-continue} sends nothing more, so there is nothing to drain.
     */
    private final class Drain implements Callback, Runnable {

        private final Request request;
        private final Callback callback;
        private long drained;
        private boolean done;
        private Scheduler.Task deadline;

        Drain(Request request, Callback callback) {
            this.request = request;
            this.callback = callback;
        }

        @Override
        public void succeeded() {
            deadline = getServer().getScheduler().schedule(this::finish, DRAIN_TIME);
            run();
        }

        @Override
        public void failed(Throwable failure) {
            callback.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Reads and drops what has arrived; called again by Jetty when more does. */
        @Override
        public synchronized void run() {
            while (!done) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                drained += chunk.remaining();
                chunk.release();
                if (chunk.isLast() || Content.Chunk.isFailure(chunk) || drained > DRAIN_BYTES) {
                    finish();
                    return;
                }
            }
        }

        /** A fully drained connection serves the client's next request; after a cut-off drain Jetty closes it. */
        private synchronized void finish() {
            if (!done) {
                done = true;
                deadline.cancel();
                callback.succeeded();
            }
        }
    }

    /** The request as the routes see it: the retained chunks first, released when the exchange completes. */
    private static final class Replay extends Request.Wrapper implements Callback {

        private final Deque<Content.Chunk> chunks;
        private final Callback callback;

        Replay(Request wrapped, Deque<Content.Chunk> chunks, Callback callback) {
            super(wrapped);
            this.chunks = new ArrayDeque<>(chunks);
            this.callback = callback;
        }

        @Override
        public Content.Chunk read() {
            synchronized (chunks) {
                Content.Chunk next = chunks.pollFirst();
                return next != null ? next : super.read();
            }
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }

        @Override
        public void succeeded() {
            release();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            release();
            callback.failed(failure);
        }

        private void release() {
            synchronized (chunks) {
                chunks.forEach(Content.Chunk::release);
                chunks.clear();
            }
        }
    }
}
