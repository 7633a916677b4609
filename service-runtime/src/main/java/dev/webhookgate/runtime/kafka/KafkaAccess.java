package dev.webhookgate.runtime.kafka;

import dev.webhookgate.contract.Topics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of each service's principal: the one definition that {@code provision} applies,
 * the secured tests apply, and the table in {@code docs/security.md} ("Kafka principals and ACLs") shows
 * ({@link #markdownRows} renders it; a test keeps the two equal).
 *
 * <p>Kafka Streams names everything it owns after {@code application.id}: its consumer group is the id
 * itself, its changelog and repartition topics and its transactional ids start with {@code <id>-}. Those
 * are granted by prefix, so the dedup principal can create and use its own internal topics and nothing
 * else. Idempotent producers need no cluster ACL since Kafka 3.0: WRITE on a topic implies it.
 */
public final class KafkaAccess {

    public static final String DEFAULT_APPLICATION_ID = "webhookgate-dedup";
    public static final String DEFAULT_ORDERS_GROUP_ID = "webhookgate-orders";

    /** Who connects: each service, and the operators' console and tools. */
    public enum Role {
        INGEST, DEDUP, ORDERS, OPS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The principals of a deployment, such as {@code User:ingest}.
     *
     * @param applicationId the dedup-streams {@code APPLICATION_ID}
     * @param ordersGroupId the order-consumer {@code ORDERS_GROUP_ID}
     */
    public record Deployment(Topics topics, String applicationId, String ordersGroupId, Map<Role, String> principals) {
        public Deployment {
            principals = Map.copyOf(principals);
            for (Role role : Role.values()) {
                if (!principals.containsKey(role)) {
                    throw new IllegalArgumentException("no principal for " + role.id());
                }
            }
        }
    }

    /** One row of the table: a role may do these operations on this resource. */
    public record Grant(Role role, ResourceType type, String name, PatternType pattern, Set<AclOperation> operations) {
    }

    private KafkaAccess() {
    }

    public static List<Grant> grants(Topics topics, String applicationId, String ordersGroupId) {
        String streamsPrefix = applicationId + "-";
        List<Grant> grants = new ArrayList<>();
        grants.add(topic(Role.INGEST, topics.inbound(), AclOperation.WRITE, AclOperation.DESCRIBE));

        grants.add(topic(Role.DEDUP, topics.inbound(), AclOperation.READ, AclOperation.DESCRIBE));
        // the ops API's forget writes commands; the topology reads them
        grants.add(topic(Role.DEDUP, topics.commands(), AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE));
        grants.add(topic(Role.DEDUP, topics.unique(), AclOperation.WRITE, AclOperation.DESCRIBE));
        grants.add(topic(Role.DEDUP, topics.duplicates(), AclOperation.WRITE, AclOperation.DESCRIBE));
        // changelogs and repartition topics: Streams creates them, purges repartition records (DELETE), and
        // dedup-streams raises a changelog's retention.ms after a TTL increase (DESCRIBE_CONFIGS, ALTER_CONFIGS)
        grants.add(new Grant(Role.DEDUP, ResourceType.TOPIC, streamsPrefix, PatternType.PREFIXED, EnumSet.of(AclOperation.CREATE,
                AclOperation.READ, AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS,
                AclOperation.ALTER_CONFIGS)));
        grants.add(new Grant(Role.DEDUP, ResourceType.GROUP, applicationId, PatternType.LITERAL,
                EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE)));
        grants.add(new Grant(Role.DEDUP, ResourceType.TRANSACTIONAL_ID, streamsPrefix, PatternType.PREFIXED,
                EnumSet.of(AclOperation.WRITE, AclOperation.DESCRIBE)));

        grants.add(topic(Role.ORDERS, topics.unique(), AclOperation.READ, AclOperation.DESCRIBE));
        grants.add(topic(Role.ORDERS, topics.dlq(), AclOperation.WRITE, AclOperation.DESCRIBE));
        grants.add(new Grant(Role.ORDERS, ResourceType.GROUP, ordersGroupId, PatternType.LITERAL,
                EnumSet.of(AclOperation.READ, AclOperation.DESCRIBE)));

        // operators read the audit trail and the dead letters, and see every topic's offsets and both groups' lag
        grants.add(topic(Role.OPS, topics.duplicates(), AclOperation.READ, AclOperation.DESCRIBE));
        grants.add(topic(Role.OPS, topics.dlq(), AclOperation.READ, AclOperation.DESCRIBE));
        for (String name : List.of(topics.inbound(), topics.unique(), topics.commands())) {
            grants.add(topic(Role.OPS, name, AclOperation.DESCRIBE));
        }
        grants.add(new Grant(Role.OPS, ResourceType.GROUP, applicationId, PatternType.LITERAL, EnumSet.of(AclOperation.DESCRIBE)));
        grants.add(new Grant(Role.OPS, ResourceType.GROUP, ordersGroupId, PatternType.LITERAL, EnumSet.of(AclOperation.DESCRIBE)));
        return List.copyOf(grants);
    }

    /** The ACL bindings of a deployment, every one an ALLOW from any host. */
    public static List<AclBinding> bindings(Deployment deployment) {
        List<AclBinding> bindings = new ArrayList<>();
        for (Grant grant : grants(deployment.topics(), deployment.applicationId(), deployment.ordersGroupId())) {
            ResourcePattern resource = new ResourcePattern(grant.type(), grant.name(), grant.pattern());
            for (AclOperation operation : grant.operations()) {
                bindings.add(new AclBinding(resource, new AccessControlEntry(deployment.principals().get(grant.role()), "*", operation,
                        AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    /** The table's body rows for {@code docs/security.md}, with the default names. */
    public static List<String> markdownRows() {
        return grants(new Topics(Topics.DEFAULT_PREFIX), DEFAULT_APPLICATION_ID, DEFAULT_ORDERS_GROUP_ID).stream()
                .map(g -> "| " + g.role().id() + " | " + g.type().name().toLowerCase(Locale.ROOT) + " | `" + g.name() + "`"
                        + (g.pattern() == PatternType.PREFIXED ? " (prefix)" : "") + " | "
                        + g.operations().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")) + " |")
                .toList();
    }

    private static Grant topic(Role role, String name, AclOperation first, AclOperation... rest) {
        return new Grant(role, ResourceType.TOPIC, name, PatternType.LITERAL, EnumSet.of(first, rest));
    }
}
