package io.gammastraddle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The benchmark on a small input: the job on a real Kafka broker, Redis and a local Flink cluster
 * must write exactly the feature vectors of the plain loop. This is what makes the job's results
 * reproducible: the same messages give the same vectors whatever the parallelism and timing.
 */
class EndToEndBenchmarkIT {

  @Test
  void theJobComputesExactlyThePlainLoopsFeatureVectors() throws Exception {
    EndToEndBenchmark.Result result = new EndToEndBenchmark(60_000, 11, 2, "hashmap").run();

    assertThat(result.vectors()).isGreaterThan(100);
    assertThat(result.jobVectors()).isEqualTo(result.vectors());
    assertThat(result.firstDifference()).isEmpty();
    assertThat(result.jobRate()).isPositive();
  }
}
