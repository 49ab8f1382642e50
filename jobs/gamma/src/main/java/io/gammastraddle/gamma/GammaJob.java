package io.gammastraddle.gamma;

import io.gammastraddle.book.BookTop;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.book.BookBuilder;
import io.gammastraddle.gamma.config.ConfigLayers;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.gamma.decode.MarketRouter;
import io.gammastraddle.gamma.decode.MarketWatermarks;
import io.gammastraddle.gamma.features.FeatureFunction;
import io.gammastraddle.market.BookUpdate;
import io.gammastraddle.market.MarketEvent;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Gamma Straddle job graph, assembled in one place:
 *
 * <pre>
 * decode (Kafka source) -> route -> books (by instrument) ----> features (by underlying) -> sinks
 *                               \-> trades, index prices ---/
 *                               \-> dead letters -> gsb.dlq
 * </pre>
 *
 * Sources and sinks come from {@link JobEndpoints}, so tests and the benchmark run this very graph.
 */
public final class GammaJob {

  public static final String NAME = "gamma-straddle";

  private final GammaConfig config;
  private final JobEndpoints endpoints;

  public GammaJob(GammaConfig config, JobEndpoints endpoints) {
    this.config = config;
    this.endpoints = endpoints;
  }

  /** Adds the job's operators to {@code env}. */
  public void build(StreamExecutionEnvironment env) {
    Configuration pipeline = new Configuration();
    // Every state and event type is a record or POJO with an evolvable serializer; refusing
    // generic (Kryo) types keeps it that way. Records are immutable, so object reuse is safe.
    pipeline.set(PipelineOptions.GENERIC_TYPES, false);
    pipeline.set(PipelineOptions.OBJECT_REUSE, true);
    env.configure(pipeline);

    SingleOutputStreamOperator<BookUpdate> routed = route(marketEvents(env));
    routed
        .getSideOutput(MarketRouter.DEAD_LETTERS)
        .sinkTo(endpoints.deadLetters())
        .uid(Uids.DEAD_LETTERS_KAFKA)
        .name("dead letters -> gsb.dlq");

    DataStream<FeatureVector> features =
        features(bookTops(routed), routed.getSideOutput(MarketRouter.FEATURE_INPUTS));
    features
        .sinkTo(endpoints.featuresToKafka())
        .uid(Uids.FEATURES_KAFKA)
        .name("features -> gsb.features");
    features
        .sinkTo(endpoints.featuresToCache())
        .uid(Uids.FEATURES_REDIS)
        .name("features -> Redis gsb:features");
  }

  private DataStream<MarketEvent> marketEvents(StreamExecutionEnvironment env) {
    return env.fromSource(
            endpoints.market(),
            MarketWatermarks.strategy(config.maxOutOfOrderness(), config.idleness()),
            "decode: " + config.marketTopic())
        .uid(Uids.DECODE);
  }

  private static SingleOutputStreamOperator<BookUpdate> route(DataStream<MarketEvent> events) {
    return events
        .process(new MarketRouter())
        .uid(Uids.ROUTE)
        .name("route: books, trades and index, dead letters");
  }

  private DataStream<BookTop> bookTops(DataStream<BookUpdate> books) {
    return books
        .keyBy(BookUpdate::instrument, Types.STRING)
        .process(new BookBuilder(config.bookDepthLevels()))
        .uid(Uids.BOOKS)
        .name("books: order books by instrument");
  }

  private DataStream<FeatureVector> features(
      DataStream<BookTop> tops, DataStream<MarketEvent> tradesAndIndex) {
    return tops.keyBy(BookTop::underlying, Types.STRING)
        .connect(tradesAndIndex.keyBy(MarketEvent::underlying, Types.STRING))
        .process(new FeatureFunction(config.decisionInterval().toMillis()))
        .uid(Uids.FEATURES)
        .name("features: per underlying at each decision tick");
  }

  /**
   * Entry point for {@code flink run}: {@code --config job.yaml} plus {@code --set name=value}
   * overrides; settings also come from {@code GSB_*} environment variables.
   */
  public static void main(String[] args) throws Exception {
    Path file = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--config" -> file = Path.of(args[i + 1]);
        case "--set" -> {
          String[] setting = args[i + 1].split("=", 2);
          if (setting.length != 2) {
            throw new IllegalArgumentException("--set needs name=value, got " + args[i + 1]);
          }
          overrides.put(setting[0], setting[1]);
        }
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    GammaConfig config = ConfigLayers.load(file, System.getenv(), overrides);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    new GammaJob(config, KafkaEndpoints.create(config)).build(env);
    env.execute(NAME);
  }
}
