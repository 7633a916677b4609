package dev.webhookgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/prometheus checked by Prometheus' own tool: the rules parse, and each alert fires, and only, when it should. */
class PromtoolRulesTest {

    private static final Path DIR = RepoFiles.file("deploy/prometheus");

    @Test
    void alertRulesAreValid() throws Exception {
        ExternalTool.Run run = ExternalTool.PROMTOOL.run(DIR, "check", "rules", "alerts.yml");
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void everyAlertPassesItsUnitTests() throws Exception {
        ExternalTool.Run run = ExternalTool.PROMTOOL.run(DIR, "test", "rules", "alerts-test.yml");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAUnitTestAndARunbookSection() {
        Set<String> alerts = alertNames();
        Set<String> tested = new TreeSet<>();
        for (JsonNode test : RepoFiles.yaml("deploy/prometheus/alerts-test.yml").path("tests")) {
            test.path("alert_rule_test").forEach(rule -> {
                if (!rule.path("exp_alerts").isEmpty()) {
                    tested.add(rule.path("alertname").asText());
                }
            });
        }
        assertThat(tested).as("alerts with a unit test that expects them to fire (alerts-test.yml)").containsAll(alerts);

        String operations = RepoFiles.read("docs/operations.md");
        List<String> missing = new ArrayList<>();
        for (String alert : alerts) {
            if (!operations.contains("### " + alert)) {
                missing.add("### " + alert);
            }
        }
        assertThat(missing).as("runbook headings docs/operations.md lacks (alerts.yml links each alert there)").isEmpty();
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        for (JsonNode group : RepoFiles.yaml("deploy/prometheus/alerts.yml").path("groups")) {
            group.path("rules").forEach(rule -> {
                if (rule.has("alert")) {
                    names.add(rule.path("alert").asText());
                }
            });
        }
        assertThat(names).isNotEmpty();
        return names;
    }
}
