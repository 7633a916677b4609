package dev.webhookgate.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.webhookgate.fixture.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop leaves the group when the instance is a dynamic member, so its partitions move at once instead of
 * waiting out its session (45 s by default; both cases here run with that default), and stays when it is a static
 * member, whose restart takes its tasks back under the same id (DedupService.closeOptions).
 */
class CloseMembershipTest {

    @RegisterExtension
    static final KafkaBrokerExtension kafka = KafkaBrokerExtension.shared();

    @Test
    void aDynamicMemberLeavesTheGroupWhenItStops(@TempDir Path dataDir) throws Exception {
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2))) {
            DedupService service = cluster.start(dataDir);
            DedupCluster.awaitReady(service);
            assertThat(members(cluster)).isEqualTo(1);

            cluster.stop(service);

            // well inside the 45 s session the broker would otherwise wait out
            await().atMost(Duration.ofSeconds(10)).until(() -> members(cluster) == 0);
        }
    }

    @Test
    void aStaticMemberStaysInTheGroupWhenItStops(@TempDir Path dataDir) throws Exception {
        try (DedupCluster cluster = new DedupCluster(kafka.bootstrapServers(), kafka.createRandomTopics(2))) {
            DedupService service = cluster.start(dataDir, Map.of("DEDUP_INSTANCE_ID", "dedup-a"));
            DedupCluster.awaitReady(service);

            cluster.stop(service);

            ConsumerGroupDescription group = describe(cluster);
            assertThat(group.members()).singleElement()
                    .satisfies(member -> assertThat(member.groupInstanceId()).hasValueSatisfying(id -> assertThat(id).startsWith("dedup-a")));
        }
    }

    private static int members(DedupCluster cluster) throws Exception {
        return describe(cluster).members().size();
    }

    private static ConsumerGroupDescription describe(DedupCluster cluster) throws Exception {
        try (Admin admin = kafka.broker().admin()) {
            return admin.describeConsumerGroups(java.util.List.of(cluster.applicationId)).all().get(30, TimeUnit.SECONDS)
                    .get(cluster.applicationId);
        }
    }
}
