package io.gammastraddle.gamma.backtest;

import io.gammastraddle.gamma.JobEndpoints;
import io.gammastraddle.gamma.TradingEndpoints;
import io.gammastraddle.gamma.scoring.ModelUpdate;
import io.gammastraddle.registry.ModelTopic;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where a backtest reads and writes: the recording instead of {@code deribit.market.raw}, one model
 * bundle (or none) instead of {@code gsb.models}, a simulated venue instead of the exchange, and
 * JSON Lines files in the output directory instead of Kafka topics. The live caches (Redis) are not
 * written.
 *
 * <p>Files: {@value #STATUS}, {@value #FILLS}, {@value #PREDICTIONS}, {@value #ORDERS}, {@value
 * #ALERTS} and {@value #DEAD_LETTERS}.
 */
public final class BacktestEndpoints {

  public static final String STATUS = "status.jsonl";
  public static final String FILLS = "fills.jsonl";
  public static final String PREDICTIONS = "predictions.jsonl";
  public static final String ORDERS = "orders.jsonl";
  public static final String ALERTS = "alerts.jsonl";
  public static final String DEAD_LETTERS = "dead-letters.jsonl";

  private BacktestEndpoints() {}

  /**
   * The job's endpoints for a backtest on {@code recording}, writing to {@code out}.
   *
   * @param bundleJson the model bundle to score with (as {@code gsb train} writes it), or null to
   *     run on the fallback parameters throughout
   */
  public static JobEndpoints job(Path recording, Path out, String bundleJson) {
    String bundle = bundleJson == null ? "" : bundleJson;
    return new JobEndpoints(
        new RecordingSource(recording),
        new DiscardingSink<>(),
        new DiscardingSink<>(),
        new DiscardingSink<>(),
        new DiscardingSink<>(),
        new JsonLinesSink<>(out.resolve(DEAD_LETTERS)),
        new DataGeneratorSource<>(
            index -> new ModelUpdate(ModelTopic.CURRENT, bundle),
            1,
            TypeInformation.of(ModelUpdate.class)),
        new JsonLinesSink<>(out.resolve(PREDICTIONS)),
        new DiscardingSink<>(),
        new DiscardingSink<>(),
        new JsonLinesSink<>(out.resolve(ALERTS)),
        new DiscardingSink<>(),
        List.of());
  }

  /** The trading endpoints of a backtest on {@code venue}, writing to {@code out}. */
  public static TradingEndpoints trading(Path out, SimulatedVenue.Settings venue) {
    return TradingEndpoints.simulated(
        venue,
        new JsonLinesSink<>(out.resolve(ORDERS)),
        new JsonLinesSink<>(out.resolve(STATUS)),
        new JsonLinesSink<>(out.resolve(FILLS)));
  }
}
