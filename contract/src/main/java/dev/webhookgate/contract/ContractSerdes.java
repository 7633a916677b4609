package dev.webhookgate.contract;

import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serdes for the records of docs/api.md; pass them explicitly, never as default serdes. */
public final class ContractSerdes {

    private ContractSerdes() {
    }

    public static Serde<String> key() {
        return Serdes.String();
    }

    public static Serde<WebhookEnvelope> envelope() {
        return of(ContractJson::envelope, ContractJson::envelope);
    }

    public static Serde<DuplicateRecord> duplicate() {
        return of(ContractJson::duplicate, ContractJson::duplicate);
    }

    public static Serde<DeadLetter> deadLetter() {
        return of(ContractJson::deadLetter, ContractJson::deadLetter);
    }

    public static Serde<Command> command() {
        return of(ContractJson::command, ContractJson::command);
    }

    private static <T> Serde<T> of(Function<T, byte[]> write, Function<byte[], T> read) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : write.apply(value);
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return read.apply(bytes);
            } catch (IllegalArgumentException e) {
                throw new SerializationException("record on " + topic + " does not match the contract: " + e.getMessage(), e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
