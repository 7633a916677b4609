package dev.webhookgate.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.kafka.KafkaAccess.Deployment;
import dev.webhookgate.runtime.kafka.KafkaAccess.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

class KafkaAccessTest {

    private static final Map<Role, String> PRINCIPALS = Map.of(Role.INGEST, "User:i", Role.DEDUP, "User:d", Role.ORDERS, "User:o",
            Role.OPS, "User:x");

    @Test
    void theTableInTheSecurityDocIsTheOneTheCodeApplies() throws Exception {
        List<String> doc = Files.readAllLines(Path.of("..", "docs", "security.md"));
        int heading = doc.indexOf("## Kafka principals and ACLs");
        assertThat(heading).as("docs/security.md has the heading").isNotNegative();
        int header = doc.subList(heading, doc.size()).indexOf("| principal | resource | name | operations |") + heading;
        List<String> rows = doc.subList(header + 2, doc.size()).stream().takeWhile(line -> line.startsWith("|")).toList();
        assertThat(rows).isEqualTo(KafkaAccess.markdownRows());
    }

    @Test
    void theIngestMayOnlyAppendToInbound() {
        Topics topics = new Topics("shop");
        List<AclBinding> ingest = KafkaAccess.bindings(new Deployment(topics, "app", "orders", PRINCIPALS)).stream()
                .filter(b -> b.entry().principal().equals("User:i")).toList();
        assertThat(ingest).allSatisfy(b -> {
            assertThat(b.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
            assertThat(b.pattern().name()).isEqualTo("shop.inbound");
        });
        assertThat(ingest).extracting(b -> b.entry().operation()).containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.DESCRIBE);
    }

    @Test
    void noServiceButDedupTouchesItsStreamsPrefixAndNobodyButOrdersWritesTheDlq() {
        List<AclBinding> all = KafkaAccess.bindings(new Deployment(new Topics("shop"), "app", "orders", PRINCIPALS));
        assertThat(all).filteredOn(b -> b.pattern().name().startsWith("app"))
                .allSatisfy(b -> assertThat(b.entry().principal()).isIn("User:d", "User:x"));
        assertThat(all).filteredOn(b -> b.pattern().name().equals("shop.dlq") && b.entry().operation() == AclOperation.WRITE)
                .extracting(b -> b.entry().principal()).containsExactly("User:o");
    }

    @Test
    void principalsMustNameEveryRoleOnce() {
        assertThat(Provision.principals("ingest=User:a,dedup=User:b,orders=User:c,ops=User:d"))
                .containsEntry(Role.ORDERS, "User:c").hasSize(4);
        for (String bad : List.of("ingest=User:a,dedup=User:b,orders=User:c", "ingest=User:a,ingest=User:b,orders=User:c,ops=User:d",
                "ingest=a,dedup=User:b,orders=User:c,ops=User:d", "console=User:a")) {
            assertThatThrownBy(() -> Provision.principals(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("PROVISION_PRINCIPALS must name each of ingest, dedup, orders and ops");
        }
    }
}
