package io.gammastraddle.backtest;

import io.gammastraddle.gamma.GammaJob;
import io.gammastraddle.gamma.backtest.BacktestEndpoints;
import io.gammastraddle.gamma.backtest.SimulatedVenue;
import io.gammastraddle.gamma.config.GammaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One backtest: the job ({@link GammaJob}, the live job's graph and operators) on a recording, in a
 * Flink cluster inside this JVM, trading on a simulated venue; its outputs land in {@code out}
 * ({@link BacktestEndpoints}).
 *
 * <p>Parallelism 1, so every keyed operator sees its inputs from one channel each, and the strategy
 * takes them in event-time order: the same recording, model and settings give the same outputs. No
 * restarts: a backtest that fails is run again.
 *
 * @param recording the recording (directory or file)
 * @param out where the outputs go (created if missing; its outputs are replaced)
 * @param config the job's settings
 * @param venue the simulated venue's settings
 * @param bundleJson the model bundle to score with, or null for the fallback parameters
 */
public record Backtest(
    Path recording,
    Path out,
    GammaConfig config,
    SimulatedVenue.Settings venue,
    String bundleJson) {

  /** Runs the job to the end of the recording. */
  public void run() throws Exception {
    Files.createDirectories(out);
    Configuration flink = new Configuration();
    flink.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
    new GammaJob(
            config,
            BacktestEndpoints.job(recording, out, bundleJson),
            BacktestEndpoints.trading(out, venue))
        .build(env);
    env.execute("gsb backtest");
  }
}
