package dev.webhookgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void findsSelectedNamesButNotFunctionsLabelsOrKeywords() {
        assertThat(PromQlMetricNames.of(
                "histogram_quantile(0.99, sum by (provider, le) (rate(webhookgate_dedup_duplicate_gap_seconds_bucket{job=\"x\"}[1h])))"
                        + " > on (provider) 0.8 * max by (provider) (webhookgate_dedup_ttl_seconds)"))
                .containsExactly("webhookgate_dedup_duplicate_gap_seconds_bucket", "webhookgate_dedup_ttl_seconds");
        assertThat(PromQlMetricNames.of("webhookgate:consumer_lag:sum > 1000 and deriv(webhookgate:consumer_lag:sum[10m]) > 0"))
                .containsExactly("webhookgate:consumer_lag:sum");
        assertThat(PromQlMetricNames.of("sum by (outcome) (rate(ingest_webhooks_total{outcome!~\"accepted|queued\"}[5m])) / 1e3"))
                .containsExactly("ingest_webhooks_total");
    }
}
