package dev.webhookgate.ingest.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed body: a JSON document or form fields, so key rules can read a provider's own id from either. */
public sealed interface Payload {

    /** A top-level text field, or empty. */
    Optional<String> field(String name);

    record Json(JsonNode root) implements Payload {
        @Override
        public Optional<String> field(String name) {
            JsonNode value = root.get(name);
            return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
        }
    }

    record Form(Map<String, List<String>> params) implements Payload {
        @Override
        public Optional<String> field(String name) {
            List<String> values = params.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }
    }
}
