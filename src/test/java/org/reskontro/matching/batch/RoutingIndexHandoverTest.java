package org.reskontro.matching.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.reskontro.matching.MatchIndex;

class RoutingIndexHandoverTest {

    @Test
    void theIndexGoesOnceToThePartitionOfItsOwnRouteOnly() {
        RoutingIndexHandover handover = new RoutingIndexHandover();
        MatchIndex index = new MatchIndex(1, 1);

        handover.put(7, index);
        assertThat(handover.take(7)).isSameAs(index);
        assertThat(handover.take(7)).as("taken once").isNull();

        handover.put(7, index);
        assertThat(handover.take(8)).as("another route (a restart routes nothing) loads its own").isNull();
        assertThat(handover.take(7)).as("and the stale one is dropped, not kept").isNull();

        handover.put(9, index);
        handover.clear();
        assertThat(handover.take(9)).isNull();
    }
}
