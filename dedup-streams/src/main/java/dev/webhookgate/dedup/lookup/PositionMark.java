package dev.webhookgate.dedup.lookup;

import java.util.Objects;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;

/** "The store has processed this topic partition up to this offset": what a read-your-writes query waits for. */
public record PositionMark(String topic, int partition, long offset) {

    public PositionMark {
        Objects.requireNonNull(topic, "topic");
    }

    PositionBound bound() {
        return PositionBound.at(Position.emptyPosition().withComponent(topic, partition, offset));
    }
}
