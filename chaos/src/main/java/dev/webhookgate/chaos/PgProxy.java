package dev.webhookgate.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay between the order-consumer and PostgreSQL, so the database can "go away" for one run
 * without stopping the PostgreSQL that everyone on this machine shares: an outage cuts every open
 * connection mid-transaction and refuses new ones, which is what the consumer sees of a database crash.
 */
final class PgProxy implements AutoCloseable {

    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile boolean closed;

    PgProxy(String upstreamHost, int upstreamPort, int port) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.port = port;
        listen();
    }

    int port() {
        return port;
    }

    /** Cuts every connection and refuses new ones for {@code duration}, then accepts again on the same port. */
    void outage(Duration duration) {
        ServerSocket current = server;
        server = null;
        closeQuietly(current);
        open.forEach(PgProxy::closeQuietly);
        open.clear();
        Pause.of(duration);
        listen();
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = socket;
            Thread acceptor = new Thread(() -> accept(socket), "pg-proxy-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket socket) {
        while (!closed && !socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // the listening socket was closed for an outage or at the end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the other follows below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "pg-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing for an outage: nothing to do about a failure
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        open.forEach(PgProxy::closeQuietly);
    }
}
