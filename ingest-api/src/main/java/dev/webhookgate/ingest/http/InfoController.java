package dev.webhookgate.ingest.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.Provider;
import dev.webhookgate.contract.IdempotencySettings;
import dev.webhookgate.ingest.IngestConfig;
import io.javalin.http.Context;
import java.time.Duration;

/** The read-only configuration routes: the product's own and the seed's WhatsApp test route. */
public final class InfoController {

    private final byte[] config;
    private final byte[] whatsappTest;

    public InfoController(IngestConfig config) {
        this.config = ContractJson.bytes(configNode(config));
        this.whatsappTest = ContractJson.bytes(whatsappTestNode(config.idempotency()));
    }

    public void config(Context ctx) {
        ctx.contentType("application/json").result(config);
    }

    public void whatsappTest(Context ctx) {
        ctx.contentType("application/json").result(whatsappTest);
    }

    private static ObjectNode configNode(IngestConfig config) {
        IdempotencySettings idempotency = config.idempotency();
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        node.put("enabled", idempotency.enabled());
        node.put("header", idempotency.header());
        node.put("ttl_seconds", idempotency.defaultTtl().toSeconds());
        ObjectNode ttls = node.putObject("ttl_by_provider");
        for (Provider provider : Provider.values()) {
            ttls.put(provider.id(), idempotency.ttlFor(provider).toSeconds());
        }
        var checks = node.putArray("signature_checks");
        for (Provider provider : Provider.values()) {
            if (!config.secretsFor(provider).isEmpty()) {
                checks.add(provider.id());
            }
        }
        node.put("require_signatures", config.requireSignatures());
        return node;
    }

    /** The seed answered {@code {"idempotency":{"enabled":true,"header":"X-Idempotency-Key","ttl_hours":24}}} by default. */
    private static ObjectNode whatsappTestNode(IdempotencySettings idempotency) {
        ObjectNode node = ContractJson.MAPPER.createObjectNode();
        ObjectNode inner = node.putObject("idempotency");
        inner.put("enabled", idempotency.enabled());
        inner.put("header", idempotency.header());
        Duration ttl = idempotency.ttlFor(Provider.WHATSAPP);
        if (ttl.toSeconds() % 3600 == 0) {
            inner.put("ttl_hours", ttl.toHours());
        } else {
            inner.put("ttl_hours", ttl.toSeconds() / 3600.0);
        }
        return node;
    }
}
