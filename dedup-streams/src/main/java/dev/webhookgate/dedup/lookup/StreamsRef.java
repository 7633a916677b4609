package dev.webhookgate.dedup.lookup;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The running Streams client and this instance's own address. HTTP starts first (its real port goes into
 * {@code application.server}), so queries can arrive before Streams exists; they fail with {@link StoreNotReadyException} then.
 */
public final class StreamsRef {

    private volatile KafkaStreams streams;
    private volatile HostInfo self;

    public void set(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public KafkaStreams streams() {
        KafkaStreams current = streams;
        if (current == null) {
            throw new StoreNotReadyException("The dedup store is starting; ask again shortly.");
        }
        return current;
    }

    public HostInfo self() {
        return self;
    }

    public boolean isRunning() {
        KafkaStreams current = streams;
        return current != null && current.state() == KafkaStreams.State.RUNNING;
    }

    public String readinessProblem() {
        KafkaStreams current = streams;
        if (current == null) {
            return "Kafka Streams has not started yet";
        }
        KafkaStreams.State state = current.state();
        return state == KafkaStreams.State.RUNNING ? null : "Kafka Streams is " + state;
    }
}
