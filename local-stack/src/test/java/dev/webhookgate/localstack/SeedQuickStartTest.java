package dev.webhookgate.localstack;

import java.util.List;

/** The Quick Start as a user runs it: the launcher's own embedded broker. */
class SeedQuickStartTest extends SeedQuickStartScenario {

    @Override
    List<String> brokerArgs() {
        return List.of();
    }
}
