package dev.webhookgate.dedup.topology;

import dev.webhookgate.contract.Command;
import dev.webhookgate.contract.ContractSerdes;
import dev.webhookgate.contract.DuplicateRecord;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.dedup.DedupConfig;
import dev.webhookgate.runtime.tracing.Tracing;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The dedup topology in Kafka's own test driver, with the topics it reads and writes under {@code config}'s prefix. */
record DedupDriver(TopologyTestDriver driver, TestInputTopic<String, WebhookEnvelope> inbound, TestInputTopic<String, Command> commands,
                   TestOutputTopic<String, WebhookEnvelope> unique, TestOutputTopic<String, DuplicateRecord> duplicates) {

    static DedupDriver start(DedupConfig config, Tracing tracing) {
        TopologyTestDriver driver = new TopologyTestDriver(
                DedupTopology.buildTopology(config, DecisionListener.NONE, ProgressListener.NONE, tracing),
                DedupTopology.streamsConfig(config, "localhost:1"));
        return new DedupDriver(driver,
                driver.createInputTopic(config.topics().inbound(), ContractSerdes.key().serializer(), ContractSerdes.envelope().serializer()),
                driver.createInputTopic(config.topics().commands(), ContractSerdes.key().serializer(), ContractSerdes.command().serializer()),
                driver.createOutputTopic(config.topics().unique(), ContractSerdes.key().deserializer(), ContractSerdes.envelope().deserializer()),
                driver.createOutputTopic(config.topics().duplicates(), ContractSerdes.key().deserializer(), ContractSerdes.duplicate().deserializer()));
    }
}
