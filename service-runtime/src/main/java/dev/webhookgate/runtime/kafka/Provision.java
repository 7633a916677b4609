package dev.webhookgate.runtime.kafka;

import dev.webhookgate.contract.Topics;
import dev.webhookgate.runtime.config.ConfigException;
import dev.webhookgate.runtime.config.Env;
import dev.webhookgate.runtime.kafka.KafkaAccess.Deployment;
import dev.webhookgate.runtime.kafka.KafkaAccess.Role;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The provisioning step: creates the five topics with the contract's layout (inbound and commands
 * co-partitioned, {@code max.message.bytes} for a full-size body) and, when {@code PROVISION_PRINCIPALS}
 * names the services' principals, grants each the ACLs of {@link KafkaAccess}. Run once per deployment
 * (and again after a change: both steps leave what exists alone) as an admin principal; services only
 * check. {@code java -cp <any service's jar and lib> dev.webhookgate.runtime.kafka.Provision}; the compose
 * file's {@code provision} service and {@code bin/local-stack} run it for the user.
 *
 * @param acls empty: topics only, ACLs are someone else's (a platform team's) job
 */
public record Provision(KafkaClientSettings kafka, Topics topics, int partitions, short replicationFactor, Optional<Deployment> acls) {

    public static final String PRINCIPALS = "PROVISION_PRINCIPALS";

    public static Provision from(Env env) {
        Topics topics = new Topics(env.string("TOPIC_PREFIX", Topics.DEFAULT_PREFIX));
        Optional<Deployment> acls = env.optional(PRINCIPALS).map(raw -> new Deployment(topics,
                env.string("APPLICATION_ID", KafkaAccess.DEFAULT_APPLICATION_ID),
                env.string("ORDERS_GROUP_ID", KafkaAccess.DEFAULT_ORDERS_GROUP_ID), principals(raw)));
        return new Provision(KafkaClientSettings.from(env), topics,
                env.intInRange("TOPIC_PARTITIONS", 6, 1, 10_000),
                (short) env.intInRange("TOPIC_REPLICATION_FACTOR", -1, 1, Short.MAX_VALUE), acls);
    }

    /** {@code ingest=User:ingest,dedup=User:dedup,orders=User:orders,ops=User:ops}: every role, each once. */
    static Map<Role, String> principals(String raw) {
        Map<Role, String> principals = new EnumMap<>(Role.class);
        for (String pair : raw.split(",")) {
            String[] parts = pair.trim().split("=", 2);
            Optional<Role> role = parts.length == 2 ? java.util.Arrays.stream(Role.values())
                    .filter(r -> r.id().equals(parts[0].trim())).findFirst() : Optional.empty();
            if (role.isEmpty() || !parts[1].trim().matches("[A-Za-z]+:.+") || principals.put(role.get(), parts[1].trim()) != null) {
                throw new ConfigException(PRINCIPALS + " must name each of ingest, dedup, orders and ops once, such as"
                        + " ingest=User:ingest,dedup=User:dedup,orders=User:orders,ops=User:ops; got \"" + raw + "\"");
            }
        }
        if (principals.size() != Role.values().length) {
            throw new ConfigException(PRINCIPALS + " must name each of ingest, dedup, orders and ops; got \"" + raw + "\"");
        }
        return principals;
    }

    /** Creates what is missing and returns what it did, in a sentence. */
    public String run() {
        Map<String, Object> props = kafka.clientConfig("webhookgate-provision");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            try {
                new TopicProvisioner(admin).ensureTopics(topics, partitions, replicationFactor);
            } catch (IllegalStateException e) {
                throw new ConfigException(e.getCause() == null ? e.getMessage() : KafkaFailures.explain(e.getCause(), kafka));
            }
            String done = "Topics " + String.join(", ", topics.all()) + " are in place on " + kafka.bootstrapServers();
            if (acls.isEmpty()) {
                return done + "; no ACLs applied (" + PRINCIPALS + " is not set)";
            }
            List<AclBinding> bindings = KafkaAccess.bindings(acls.get());
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            return done + "; " + bindings.size() + " ACLs granted to " + acls.get().principals().values();
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException(KafkaFailures.explain(e, kafka));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning", e);
        }
    }

    public static void main(String[] args) {
        try {
            System.out.println(from(Env.system()).run());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    @Override
    public String toString() {
        return "provision " + topics.prefix() + ".* (" + partitions + " partitions) on " + kafka;
    }
}
