package dev.webhookgate.ingest;

import dev.webhookgate.runtime.config.Env;
import java.util.HashMap;
import java.util.Map;

/** Config as the service reads it, from variables, so tests go through the same validation. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static IngestConfig of(String... pairs) {
        Map<String, String> vars = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            vars.put(pairs[i], pairs[i + 1]);
        }
        return IngestConfig.from(new Env(vars));
    }
}
