package io.tokenomics.simulator.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Prometheus metrics of the job machinery ({@code /q/metrics}): {@code simulator_jobs_submitted_total{kind}},
 * {@code simulator_jobs_finished_total{status}}, {@code simulator_units_total{outcome}} and
 * {@code simulator_unit_duration_seconds} (engine time of one unit). Queue lag is the Kafka client's own
 * {@code kafka_consumer_fetch_manager_records_lag*} of group {@code simulator-workers}.
 */
@ApplicationScoped
public class SimulatorMetrics {
    @Inject
    MeterRegistry registry;

    public void submitted(String kind, int count) {
        Counter.builder("simulator.jobs.submitted").description("jobs accepted, by kind (a sweep counts once)")
                .tag("kind", kind).register(registry).increment(count);
    }

    public void finished(String status) {
        Counter.builder("simulator.jobs.finished").description("simulations (sweep points included) finished, by status")
                .tag("status", status).register(registry).increment();
    }

    /** outcome: completed, failed, cancelled, duplicate, retried, dead-lettered */
    public void unit(String outcome) {
        Counter.builder("simulator.units").description("work units processed, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }

    public void unitDuration(Duration duration) {
        Timer.builder("simulator.unit.duration").description("engine time of one work unit")
                .publishPercentileHistogram().register(registry).record(duration);
    }
}
