package dev.webhookgate.orders.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webhookgate.contract.ContractJson;
import dev.webhookgate.contract.WebhookEnvelope;
import dev.webhookgate.orders.mapping.Effect;
import dev.webhookgate.orders.mapping.EventMapper;
import dev.webhookgate.orders.mapping.EventMapping;
import dev.webhookgate.orders.mapping.PoisonEventException;
import java.nio.charset.StandardCharsets;

/**
 * The real mapping with a bug switched on: a JSON body with the marker field {@code "hold"} is poison, with the
 * error the test sets, until the test deploys the "fix" ({@link #fix()}). Everything else maps as in production.
 */
public final class HeldMapping implements EventMapping {

    private final EventMapper real = new EventMapper();
    private volatile String rejection;

    public HeldMapping(String rejection) {
        this.rejection = rejection;
    }

    /** The bug as it is now: a different error from the one the events were dead-lettered with. */
    public void rejectWith(String error) {
        rejection = error;
    }

    public void fix() {
        rejection = null;
    }

    @Override
    public Effect map(WebhookEnvelope envelope) {
        String error = rejection;
        if (error != null && envelope.body().startsWith("{")) {
            JsonNode body = ContractJson.tree(envelope.body().getBytes(StandardCharsets.UTF_8));
            if (body.has("hold")) {
                throw new PoisonEventException(error);
            }
        }
        return real.map(envelope);
    }
}
