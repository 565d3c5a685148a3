package io.tokenomics.simulator.service;

import io.tokenomics.simulator.mapping.SweepResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TenantPlanAndParetoTest {
    static final TenantPlan FREE = new TenantPlan("free", 1, 100_000, 50);

    @Test
    void thePlanHeaderOfTheGatewayIsRead() {
        assertThat(TenantPlan.parse("pro; jobs=5; requests=10000000; sweep-points=1000", FREE))
                .isEqualTo(new TenantPlan("pro", 5, 10_000_000, 1000));
        assertThat(TenantPlan.parse("pro;jobs=5;requests=10;sweep-points=3; future=1", FREE))
                .isEqualTo(new TenantPlan("pro", 5, 10, 3));
    }

    @Test
    void anAbsentOrUnreadableHeaderMeansTheFreePlan() {
        for (String header : new String[] {null, "", "pro", "pro; jobs=5", "pro; jobs=x; requests=1; sweep-points=1",
                "pro; jobs=-5; requests=1; sweep-points=1", "; jobs=5; requests=1; sweep-points=1", "pro; jobs"}) {
            assertThat(TenantPlan.parse(header, FREE)).as(header).isEqualTo(FREE);
        }
    }

    private static SweepResult.Point point(int index, Double x, Double y) {
        return new SweepResult.Point(index, "p" + index, x == null ? "FAILED" : "COMPLETED", Map.of(), x, y, null, null,
                null, null, null, null, false);
    }

    @Test
    void theParetoFrontierKeepsExactlyTheUndominatedPoints() {
        List<SweepResult.Point> points = List.of(
                point(0, 100.0, 10.0),   // frontier: best throughput
                point(1, 80.0, 30.0),    // frontier
                point(2, 80.0, 20.0),    // dominated by 1
                point(3, 50.0, 30.0),    // dominated by 1 (same y, less x)
                point(4, 20.0, 90.0),    // frontier: best per-user speed
                point(5, 10.0, 5.0),     // dominated
                point(6, null, null),    // failed: not a candidate
                point(7, 80.0, 30.0));   // the twin of 1: not beaten either
        assertThat(SweepAggregation.paretoFrontier(points)).containsExactly(0, 1, 7, 4);
        assertThat(SweepAggregation.paretoFrontier(List.of())).isEmpty();
    }
}
