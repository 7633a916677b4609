package dev.webhookgate.dedup.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.webhookgate.contract.Provider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalStatsTest {

    private static LocalStats share(long keys, Integer... partitions) {
        return new LocalStats(keys, keys, Map.of(Provider.STRIPE, keys), 1, 0, 0, List.of(partitions));
    }

    @Test
    void aSumThatCountedEveryPartitionOnceIsAnAnswer() {
        LocalStats sum = share(3, 0, 2).plus(share(5, 1, 3));

        assertThat(sum.coverageProblem(4)).isNull();
        assertThat(sum.totalKeys()).isEqualTo(8);
        assertThat(sum.activeByProvider()).containsEntry(Provider.STRIPE, 8L);
    }

    @Test
    void aPartitionCountedNowhereOrTwiceIsNoAnswer() {
        // moving between instances: active at neither, or still at the old owner and already at the new one
        assertThat(share(3, 0, 2).plus(share(5, 3)).coverageProblem(4)).contains("[0, 2, 3] of 4");
        assertThat(share(3, 0, 1, 2).plus(share(5, 2, 3)).coverageProblem(4)).contains("[0, 1, 2, 2, 3] of 4");
    }

    @Test
    void theInternalFormCarriesThePartitionsAndThePublicOneDoesNot() {
        LocalStats share = share(3, 1, 2);

        assertThat(LocalStats.fromInternalJson(share.toInternalJson())).isEqualTo(share);
        assertThat(share.toContractJson().has("partitions")).isFalse();
    }
}
