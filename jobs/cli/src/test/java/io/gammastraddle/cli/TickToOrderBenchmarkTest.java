package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickToOrderBenchmarkTest {

  /** Lines as Flink's Prometheus reporter writes the sink's histogram (labels shortened). */
  private static final String METRICS =
      """
      # TYPE flink_taskmanager_job_task_operator_tickToOrderMicros summary
      flink_taskmanager_job_task_operator_tickToOrderMicros_count{job_id="j",subtask_index="0",} 1234.0
      flink_taskmanager_job_task_operator_tickToOrderMicros{job_id="j",subtask_index="0",quantile="0.5",} 2500.0
      flink_taskmanager_job_task_operator_tickToOrderMicros{job_id="j",subtask_index="0",quantile="0.95",} 6100.0
      flink_taskmanager_job_task_operator_tickToOrderMicros{job_id="j",subtask_index="0",quantile="0.99",} 9050.0
      flink_taskmanager_job_task_operator_tickToOrderMicros{job_id="j",subtask_index="0",quantile="0.999",} 15000.0
      flink_taskmanager_job_task_operator_strategy_orderIntents{job_id="j",subtask_index="0",} 99.0
      """;

  @Test
  void reportsEachSinkTasksQuantilesInMilliseconds() {
    assertThat(TickToOrderBenchmark.report(METRICS))
        .startsWith("99 order intents")
        .contains("subtask 0: p50 2.50  p95 6.10  p99 9.05  p99.9 15.00  (1234 orders measured");
  }

  @Test
  void saysSoWhenNoOrderWasMeasured() {
    assertThat(TickToOrderBenchmark.report("# nothing\n")).startsWith("no order was decided");
  }
}
