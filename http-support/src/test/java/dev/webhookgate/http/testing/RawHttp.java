package dev.webhookgate.http.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte for byte on a plain socket, for requests no well-behaved client would send: bad framing,
 * duplicate headers, raw bytes in paths, stalls. Reads one response (Content-Length, chunked, or until close).
 */
public final class RawHttp implements AutoCloseable {

    public static final Duration READ_TIMEOUT = Duration.ofSeconds(20);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    public static RawHttp open(int port) {
        try {
            return new RawHttp(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request on a fresh connection, its response read. */
    public static Reply exchange(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Reply exchange(int port, byte[] request) {
        try (RawHttp connection = open(port)) {
            connection.write(request);
            return connection.read();
        }
    }

    /** {@code head} with CRLF line ends from LF ones, then {@code body} as is. */
    public static byte[] request(String head, byte[] body) {
        byte[] headBytes = head.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    public RawHttp write(String text) {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the peer is still connected: a write after the server closed eventually fails. */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    public Reply read() {
        try {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("the server closed the connection without answering");
            }
            List<String[]> headers = new ArrayList<>();
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.add(new String[] {header.substring(0, colon).trim(), header.substring(colon + 1).trim()});
            }
            Reply partial = new Reply(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
            byte[] body;
            if (partial.status() == 100 || partial.status() == 204 || partial.status() == 304) {
                body = new byte[0];
            } else if (partial.header("Content-Length").isPresent()) {
                body = in.readNBytes(Integer.parseInt(partial.header("Content-Length").get()));
            } else if (partial.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
                body = chunked();
            } else {
                body = in.readAllBytes();
            }
            return new Reply(partial.status(), headers, new String(body, StandardCharsets.UTF_8));
        } catch (SocketTimeoutException e) {
            throw new IllegalStateException("no answer within " + READ_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers are not used here
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test connection
        }
    }

    public record Reply(int status, List<String[]> headers, String body) {

        public Optional<String> header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst();
        }

        /** The contract's error code, or empty when the body is not the JSON error body. */
        public Optional<String> errorCode() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\{\"error\":\"([a-z_]+)\",\"message\":\"[^\"]").matcher(body);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
