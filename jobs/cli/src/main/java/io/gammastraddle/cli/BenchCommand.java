package io.gammastraddle.cli;

import io.gammastraddle.bench.EndToEndBenchmark;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.StateBackendOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gsb bench}: the end-to-end throughput benchmark (DESIGN section 12). */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Kafka -> job -> sinks throughput on N simulated Deribit messages, against a plain"
            + " single-thread loop doing the same work on the same messages.")
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--messages", description = "Messages to process (default: ${DEFAULT-VALUE}).")
  int messages = 1_000_000;

  @Option(names = "--seed", description = "Simulated market seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--parallelism", description = "Flink parallelism (default: ${DEFAULT-VALUE}).")
  int parallelism = 2;

  @Option(
      names = "--state-backend",
      description =
          "Flink state backend of the throughput run: hashmap or rocksdb (default: flink-conf's"
              + " state.backend.type).")
  String stateBackend;

  @Option(
      names = "--jmh",
      arity = "0..1",
      fallbackValue = ".",
      paramLabel = "REGEX",
      description =
          "Run the JMH micro-benchmarks instead (bench/src/main/java/.../jmh) whose names match"
              + " REGEX (default: all), e.g. --jmh Pricing.")
  String jmh;

  @Option(
      names = "--tick-to-order",
      paramLabel = "SECONDS",
      description =
          "Measure tick-to-order latency instead: the system in paper mode, trading at every"
              + " chance for SECONDS seconds.")
  Long tickToOrderSeconds;

  @Override
  public Integer call() throws Exception {
    if (tickToOrderSeconds != null) {
      if (tickToOrderSeconds <= 0) {
        throw new IllegalArgumentException("--tick-to-order needs a positive number of seconds");
      }
      System.out.println(
          new TickToOrderBenchmark(
                  Duration.ofSeconds(tickToOrderSeconds), seed, LocalFlink.defaultConfDir())
              .run());
      return 0;
    }
    if (jmh != null) {
      // JMH forks JVMs with this one's class path, where the build put the generated benchmarks
      org.openjdk.jmh.Main.main(new String[] {jmh});
      return 0;
    }
    if (messages <= 0 || parallelism <= 0) {
      throw new IllegalArgumentException("--messages and --parallelism must be positive");
    }
    String backend =
        stateBackend != null
            ? stateBackend
            : LocalFlink.configuration(LocalFlink.defaultConfDir(), Map.of())
                .get(StateBackendOptions.STATE_BACKEND);
    System.out.println(new EndToEndBenchmark(messages, seed, parallelism, backend).run().report());
    return 0;
  }
}
