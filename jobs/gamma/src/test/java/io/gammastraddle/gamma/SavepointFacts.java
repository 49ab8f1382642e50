package io.gammastraddle.gamma;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gammastraddle.book.BookState;
import io.gammastraddle.chain.OptionQuote;
import io.gammastraddle.execution.PlacedLabels;
import io.gammastraddle.features.PercentileWindow;
import io.gammastraddle.features.UnderlyingFeatures;
import io.gammastraddle.gamma.book.BookBuilder;
import io.gammastraddle.gamma.chain.ChainFunction;
import io.gammastraddle.gamma.features.FeatureFunction;
import io.gammastraddle.gamma.labels.LabelFunction;
import io.gammastraddle.gamma.scoring.DriftWindow;
import io.gammastraddle.gamma.scoring.ScoringFunction;
import io.gammastraddle.gamma.strategy.StrategyFunction;
import io.gammastraddle.gamma.strategy.TradingState;
import io.gammastraddle.gamma.ticks.TickFunction;
import io.gammastraddle.labels.Labeller;
import io.gammastraddle.orders.OrderIntent;
import io.gammastraddle.registry.ModelTopic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.api.OperatorIdentifier;
import org.apache.flink.state.api.SavepointReader;
import org.apache.flink.state.api.functions.KeyedStateReaderFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * What a savepoint of the job holds, reduced to facts a later release must still read the same way:
 * the {@code expected.json} beside each savepoint under {@code src/test/resources/savepoints/}.
 * {@link #read} reads them with the State Processor API through this build's state descriptors,
 * serializers and uids, so a state type, descriptor or uid changed without a migration path shows
 * as an error or as different facts.
 *
 * @param strategies the strategy's state by underlying
 * @param models the scoring operator's broadcast state: bundle version by role
 * @param driftVectors the scoring operator's drift window: vectors held, by underlying
 * @param features the feature operator's state by underlying
 * @param chainQuotes the chain operator's option quotes, by underlying
 * @param openCandidates the labels operator's straddle candidates still followed, by underlying
 * @param books order books held, by underlying (the operator keys them by instrument)
 * @param placedLabels the execution sink's placed labels, over all its writers, sorted
 */
record SavepointFacts(
    SortedMap<String, Strategy> strategies,
    SortedMap<String, String> models,
    SortedMap<String, Integer> driftVectors,
    SortedMap<String, Features> features,
    SortedMap<String, Integer> chainQuotes,
    SortedMap<String, Integer> openCandidates,
    SortedMap<String, Integer> books,
    List<String> placedLabels) {

  /** The file beside a savepoint's {@code _metadata} that holds its facts. */
  static final String FILE = "expected.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * @param positions open positions: signed size by instrument
   * @param openStraddles straddles held, exiting ones included
   * @param nextDecisionSeq the sequence number of the next order label
   * @param killSwitch the kill switch's mode
   */
  record Strategy(
      SortedMap<String, Double> positions,
      int openStraddles,
      long nextDecisionSeq,
      String killSwitch) {

    static Strategy of(TradingState state) {
      return new Strategy(
          new TreeMap<>(state.positions.openSizes()),
          state.holdings.size(),
          state.nextDecisionSeq,
          state.killSwitch.getMode().name());
    }
  }

  /**
   * @param lastTick the last decision tick emitted (event time, ms)
   * @param basisObservations samples in the {@code basis_pct} percentile window
   * @param volObservations samples in the {@code vol_pct} percentile window
   * @param gammaObservations samples in the {@code gamma_pct} percentile window
   */
  record Features(
      long lastTick, long basisObservations, long volObservations, long gammaObservations) {}

  /** The parts of the state the facts come from. */
  enum Part {
    STRATEGY,
    MODELS,
    DRIFT,
    FEATURES,
    CHAIN,
    LABELS,
    BOOKS,
    PLACED_LABELS
  }

  /** One fact of one part of the state and one key, as JSON: no fact needs a Flink serializer. */
  public record StateFact(Part part, String key, String json) {}

  static SavepointFacts read(Path factsFile) throws IOException {
    return JSON.readValue(factsFile.toFile(), SavepointFacts.class);
  }

  void write(Path factsFile) throws IOException {
    JSON.writeValue(factsFile.toFile(), this);
  }

  /**
   * Reads the facts of the savepoint at {@code savepoint} in one job on {@code env}.
   *
   * @param execution the job's execution sink, whose serializer reads its writer state
   */
  @SuppressWarnings("unchecked")
  static SavepointFacts read(
      StreamExecutionEnvironment env, String savepoint, Sink<OrderIntent> execution)
      throws Exception {
    return read(env, savepoint, (SupportsWriterState<OrderIntent, PlacedLabels>) execution);
  }

  private static SavepointFacts read(
      StreamExecutionEnvironment env,
      String savepoint,
      SupportsWriterState<OrderIntent, PlacedLabels> execution)
      throws Exception {
    SavepointReader reader = SavepointReader.read(env, savepoint, new HashMapStateBackend());
    DataStream<StateFact> facts =
        keyed(
                reader,
                new ValueFacts<>(
                    Uids.STRATEGY, Part.STRATEGY, StrategyFunction.STATE, Strategy::of))
            .union(
                keyed(
                    reader,
                    new ValueFacts<>(
                        Uids.SCORING, Part.DRIFT, ScoringFunction.DRIFT, vectorsHeld())),
                keyed(reader, new FeatureFacts()),
                keyed(reader, new ChainQuotes()),
                keyed(
                    reader,
                    new ValueFacts<>(
                        Uids.LABELS, Part.LABELS, LabelFunction.STATE, candidatesFollowed())),
                keyed(
                    reader,
                    new ValueFacts<>(Uids.BOOKS, Part.BOOKS, BookBuilder.STATE, changeId())),
                models(reader, env),
                placedLabels(reader, execution));
    List<StateFact> rows = new ArrayList<>();
    try (CloseableIterator<StateFact> collected = facts.executeAndCollect("savepoint facts")) {
      collected.forEachRemaining(rows::add);
    }
    return new SavepointFacts(
        byKey(rows, Part.STRATEGY, new TypeReference<Strategy>() {}),
        byKey(rows, Part.MODELS, new TypeReference<String>() {}),
        byKey(rows, Part.DRIFT, new TypeReference<Integer>() {}),
        byKey(rows, Part.FEATURES, new TypeReference<Features>() {}),
        byKey(rows, Part.CHAIN, new TypeReference<Integer>() {}),
        byKey(rows, Part.LABELS, new TypeReference<Integer>() {}),
        booksByUnderlying(rows),
        placedLabels(rows));
  }

  private static DataStream<StateFact> keyed(SavepointReader reader, KeyedFacts function)
      throws IOException {
    return reader.readKeyedState(
        OperatorIdentifier.forUid(function.uid),
        function,
        Types.STRING,
        TypeInformation.of(StateFact.class));
  }

  /** Every scoring task holds the same bundles; a role appears once per task. */
  private static DataStream<StateFact> models(
      SavepointReader reader, StreamExecutionEnvironment env) throws IOException {
    MapStateDescriptor<String, String> models = ScoringFunction.MODELS;
    models.initializeSerializerUnlessSet(env.getConfig());
    return reader
        .readBroadcastState(
            OperatorIdentifier.forUid(Uids.SCORING),
            models.getName(),
            Types.STRING,
            Types.STRING,
            models.getKeySerializer(),
            models.getValueSerializer())
        .map(
            role ->
                new StateFact(
                    Part.MODELS,
                    role.f0,
                    JSON.writeValueAsString(
                        ModelTopic.decode(role.f1.getBytes(StandardCharsets.UTF_8)).version())),
            TypeInformation.of(StateFact.class));
  }

  /**
   * A Sink V2 writer's state is Flink's operator list state {@code writer_raw_states} under the
   * sink's uid, each element written by the sink's versioned serializer
   * (StatefulSinkWriterStateHandler in flink-runtime).
   */
  private static DataStream<StateFact> placedLabels(
      SavepointReader reader, SupportsWriterState<OrderIntent, PlacedLabels> execution)
      throws IOException {
    return reader
        .readListState(
            OperatorIdentifier.forUid(Uids.EXECUTION),
            "writer_raw_states",
            PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO,
            BytePrimitiveArraySerializer.INSTANCE)
        .map(
            bytes ->
                new StateFact(
                    Part.PLACED_LABELS,
                    "",
                    JSON.writeValueAsString(
                        SimpleVersionedSerialization.readVersionAndDeSerialize(
                                execution.getWriterStateSerializer(), bytes)
                            .labels())),
            TypeInformation.of(StateFact.class));
  }

  private static SerializableFunction<DriftWindow, Integer> vectorsHeld() {
    return DriftWindow::getCount;
  }

  private static SerializableFunction<Labeller, Integer> candidatesFollowed() {
    return labeller -> labeller.getOpen().length;
  }

  private static SerializableFunction<BookState, Long> changeId() {
    return book -> book.book().changeId();
  }

  private static <T> SortedMap<String, T> byKey(
      List<StateFact> rows, Part part, TypeReference<T> type) throws IOException {
    SortedMap<String, T> values = new TreeMap<>();
    for (StateFact row : rows) {
      if (row.part() == part) {
        values.put(row.key(), JSON.readValue(row.json(), type));
      }
    }
    return values;
  }

  /** Book keys are instruments, {@code BTC-PERPETUAL} or {@code BTC-27MAR26-90000-C}. */
  private static SortedMap<String, Integer> booksByUnderlying(List<StateFact> rows) {
    SortedMap<String, Integer> books = new TreeMap<>();
    for (StateFact row : rows) {
      if (row.part() == Part.BOOKS) {
        books.merge(row.key().substring(0, row.key().indexOf('-')), 1, Integer::sum);
      }
    }
    return books;
  }

  private static List<String> placedLabels(List<StateFact> rows) throws IOException {
    TreeSet<String> labels = new TreeSet<>();
    for (StateFact row : rows) {
      if (row.part() == Part.PLACED_LABELS) {
        labels.addAll(JSON.readValue(row.json(), new TypeReference<List<String>>() {}));
      }
    }
    return List.copyOf(labels);
  }

  /** Reads the keyed state of the operator {@code uid}, one fact per key. */
  private abstract static class KeyedFacts extends KeyedStateReaderFunction<String, StateFact> {

    final String uid;
    final Part part;

    KeyedFacts(String uid, Part part) {
      this.uid = uid;
      this.part = part;
    }

    void emit(String key, Object fact, Collector<StateFact> out) throws IOException {
      out.collect(new StateFact(part, key, JSON.writeValueAsString(fact)));
    }
  }

  /** One value state per key, turned into its fact. */
  private static final class ValueFacts<S, F> extends KeyedFacts {

    private final ValueStateDescriptor<S> descriptor;
    private final SerializableFunction<S, F> fact;
    private transient ValueState<S> state;

    ValueFacts(
        String uid,
        Part part,
        ValueStateDescriptor<S> descriptor,
        SerializableFunction<S, F> fact) {
      super(uid, part);
      this.descriptor = descriptor;
      this.fact = fact;
    }

    @Override
    public void open(OpenContext openContext) {
      state = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateFact> out) throws Exception {
      S value = state.value();
      if (value != null) {
        emit(key, fact.apply(value), out);
      }
    }
  }

  /** The feature state and its last tick: the percentile windows' sample counts. */
  private static final class FeatureFacts extends KeyedFacts {

    private transient ValueState<UnderlyingFeatures> features;
    private transient ValueState<Long> lastTick;

    FeatureFacts() {
      super(Uids.FEATURES, Part.FEATURES);
    }

    @Override
    public void open(OpenContext openContext) {
      features = getRuntimeContext().getState(FeatureFunction.STATE);
      lastTick = getRuntimeContext().getState(TickFunction.LAST_TICK);
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateFact> out) throws Exception {
      UnderlyingFeatures state = features.value();
      if (state != null) {
        Long tick = lastTick.value();
        emit(
            key,
            new Features(
                tick == null ? Long.MIN_VALUE : tick,
                observations(state.getBasisRanks()),
                observations(state.getVolRanks()),
                observations(state.getGammaRanks())),
            out);
      }
    }

    private static long observations(PercentileWindow window) {
      return Arrays.stream(window.getCounts()).asLongStream().sum();
    }
  }

  /** The chain's option quotes per underlying: how many. */
  private static final class ChainQuotes extends KeyedFacts {

    private transient MapState<String, OptionQuote> quotes;

    ChainQuotes() {
      super(Uids.CHAIN, Part.CHAIN);
    }

    @Override
    public void open(OpenContext openContext) {
      quotes = getRuntimeContext().getMapState(ChainFunction.QUOTES);
    }

    @Override
    public void readKey(String key, Context ctx, Collector<StateFact> out) throws Exception {
      int entries = 0;
      for (String ignored : quotes.keys()) {
        entries++;
      }
      emit(key, entries, out);
    }
  }
}
