package dev.webhookgate.runtime.kafka;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a bootstrap address speaks, found with one small plaintext Kafka request on a raw socket before
 * any Kafka client connects.
 *
 * <p>Why it exists: Kafka 4.4's clients read the first four bytes of every response as its size and
 * allocate that much, with no cap ({@code Selector} is built with {@code NetworkReceive.UNLIMITED}; no
 * client setting changes it, KIP-498 was never adopted and KAFKA-4090 is open). A TLS listener answers a
 * plaintext client with a TLS alert, {@code 15 03 03 ...}, which reads as a 336 MiB response: a
 * PLAINTEXT client exhausts its heap before it can say anything. Here the reply is read into a
 * five-byte array, so nothing a peer sends can make this allocate more.
 */
final class ListenerProbe {

    /** What answered at one address. */
    enum Answer {
        /** A Kafka broker answered the plaintext request. */
        KAFKA_PLAINTEXT,
        /** The reply is a TLS record: the listener expects TLS. */
        TLS,
        /** The listener closed the connection without answering (many TLS listeners do, so do wrong ports). */
        CLOSED_WITHOUT_ANSWER,
        /** Something answered that is neither Kafka nor TLS. */
        NOT_KAFKA,
        /** Connection refused, host unknown, or no route. */
        UNREACHABLE,
        /** Connected, but no answer in time. */
        SILENT
    }

    /** @param detail what the socket said, for the sentence ("connection refused", "unknown host") */
    record Result(String address, Answer answer, String detail) {
    }

    /** Kafka's largest legitimate ApiVersions answer is a few KiB; anything claiming more is not Kafka. */
    private static final int MAX_PLAUSIBLE_RESPONSE = 1 << 20;
    private static final short API_VERSIONS = 18;
    private static final int CORRELATION_ID = 0x77656267; // "webg": ours, to recognise the echo

    private ListenerProbe() {
    }

    static Result probe(String hostPort, Duration timeout) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            return new Result(hostPort, Answer.UNREACHABLE, "not a host:port address");
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return new Result(hostPort, Answer.UNREACHABLE, "not a host:port address");
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(apiVersionsRequest());
            out.flush();
            return new Result(hostPort, read(socket.getInputStream()), "");
        } catch (UnknownHostException e) {
            return new Result(hostPort, Answer.UNREACHABLE, "unknown host " + host);
        } catch (ConnectException | NoRouteToHostException e) {
            return new Result(hostPort, Answer.UNREACHABLE, "connection refused");
        } catch (SocketTimeoutException e) {
            return new Result(hostPort, Answer.SILENT, "no answer within " + millis + " ms");
        } catch (EOFException e) {
            return new Result(hostPort, Answer.CLOSED_WITHOUT_ANSWER, "closed the connection");
        } catch (IOException e) {
            // a reset right after our request is how some TLS stacks refuse plaintext
            return new Result(hostPort, Answer.CLOSED_WITHOUT_ANSWER, String.valueOf(e.getMessage()));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        byte[] head = new byte[5];
        int first = in.read();
        if (first < 0) {
            throw new EOFException();
        }
        head[0] = (byte) first;
        // 0x14-0x17 are TLS record types (change cipher spec, alert, handshake, data), 0x03 the major version
        int second = in.read();
        if (second < 0) {
            return Answer.NOT_KAFKA;
        }
        head[1] = (byte) second;
        if (first >= 0x14 && first <= 0x17 && second == 0x03) {
            return Answer.TLS;
        }
        new DataInputStream(in).readFully(head, 2, 3);
        int size = ByteBuffer.wrap(head, 0, 4).getInt();
        if (size < 4 || size > MAX_PLAUSIBLE_RESPONSE) {
            return Answer.NOT_KAFKA;
        }
        // the fifth byte starts the correlation id we sent
        return (head[4] & 0xff) == (CORRELATION_ID >>> 24) ? Answer.KAFKA_PLAINTEXT : Answer.NOT_KAFKA;
    }

    /** ApiVersions v0 with request header v1: every Kafka version since 0.10 answers it, before any SASL exchange. */
    private static byte[] apiVersionsRequest() {
        byte[] clientId = "webhookgate-listener-probe".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + 2 + 4 + 2 + clientId.length;
        ByteBuffer buffer = ByteBuffer.allocate(4 + length);
        buffer.putInt(length);
        buffer.putShort(API_VERSIONS);
        buffer.putShort((short) 0);
        buffer.putInt(CORRELATION_ID);
        buffer.putShort((short) clientId.length);
        buffer.put(clientId);
        return buffer.array();
    }
}
