package dev.webhookgate.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A port that accepts connections and never answers, as a hung dedup-streams would. Not a stand-in for
 * verdicts: it only holds a request in flight (published, waiting) long enough to stop the ingest under it.
 */
public final class HungVerdicts implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    public HungVerdicts() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture.runAsync(() -> {
            try {
                while (true) {
                    held.add(server.accept());
                }
            } catch (IOException closed) {
                // closed by close(): nothing more to accept
            }
        });
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
