package io.gammastraddle.cli;

import io.gammastraddle.bench.PlainPipeline;
import io.gammastraddle.deribit.websocket.Notifications;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.TradingCosts;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.registry.ModelBundle;
import io.gammastraddle.simulator.Instrument;
import io.gammastraddle.simulator.SimulatedMarket;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.data.TrainingSample;
import io.gammastraddle.training.fit.Hyperparameters;
import io.github.metarank.lightgbm4j.LGBMException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * The demo's first model (docs/ml.md, "Bootstrap model"): a simulated history generated in-process
 * as fast as the CPU goes, run through the job's decode, book, chain, feature and label work
 * ({@link PlainPipeline}), labelled over a short horizon, and trained with the project's {@link
 * Trainer}. The live job's labels need days of market (a 6 h horizon, a candidate per 5 minutes);
 * this one needs minutes, so a newcomer sees the models' predictions rather than the fallback. Its
 * version ends in {@value #VERSION_SUFFIX}, its metrics say {@code bootstrap} = 1, and it expires
 * early: the trainer's models, on the live samples, replace it.
 */
final class BootstrapModel {

  static final String VERSION_SUFFIX = "-bootstrap";
  static final String REGISTRY_REASON =
      "the demo's bootstrap model: simulated history, short label horizon; replaced by the"
          + " trainer's models once live samples exist";

  /**
   * What the bootstrap simulates and labels, and how long its bundle is trusted.
   *
   * @param history simulated market time, ending where the live demo starts
   * @param horizon how long each candidate is followed (the job's {@code labels.horizon})
   * @param candidateInterval one candidate entry per underlying this often
   * @param lifetime the bundle expires this long after it is made
   * @param hyperparameters LightGBM's settings; early stopping usually ends well before the rounds
   */
  record Settings(
      Duration history,
      Duration horizon,
      Duration candidateInterval,
      Duration lifetime,
      Hyperparameters hyperparameters) {

    /**
     * 90 simulated minutes labelled as the demo's job labels ({@link DemoCommand#SETTINGS}: a
     * 10-minute horizon, a candidate every 5 s): about 1,900 samples (two underlyings, 80 minutes
     * of entries), history in 30-53 s and training in 6-65 s on this project's 2-core machine, the
     * spread being other builds' load (docs/ml.md). The history is at least 8 horizons long: with
     * less, purged 5-fold cross-validation leaves a fold's early-stopping split nothing to train on
     * (measured: 150 minutes with a 30-minute horizon fails).
     */
    static Settings demo(GammaConfig config) {
      return new Settings(
          Duration.ofMinutes(90),
          config.labelHorizon(),
          config.candidateInterval(),
          Duration.ofHours(6),
          Hyperparameters.defaults());
    }
  }

  /** The labelled history, in entry-time order, and how long making it took. */
  record History(List<LabelledSample> samples, long unmarkedCandidates, Duration took) {

    List<TrainingSample> trainingSamples() {
      return samples.stream().map(BootstrapModel::trainingSample).toList();
    }
  }

  private final GammaConfig config;
  private final Settings settings;

  BootstrapModel(GammaConfig config, Settings settings) {
    this.config = config;
    this.settings = settings;
  }

  /**
   * The history's seed, derived from the live market's: an independent path of the same market
   * model. The same seed would replay the live market's own coming path, so the model would have
   * seen the outcomes it is asked to predict.
   */
  static long historySeed(long liveSeed) {
    return new SplittableRandom(liveSeed).nextLong();
  }

  /**
   * Simulates {@code settings.history()} of market ending at {@code endMillis}, with the frames as
   * the bridge writes them, and labels it.
   *
   * @throws CancellationException when the thread is interrupted (the demo stops)
   */
  History history(long seed, long endMillis) {
    long started = System.nanoTime();
    SimulatedMarket market = new SimulatedMarket(seed, endMillis - settings.history().toMillis());
    PlainPipeline pipeline =
        PlainPipeline.labelling(
            config,
            new PlainPipeline.Labels(
                settings.horizon().toMillis(),
                settings.candidateInterval().toMillis(),
                TradingCosts.deribit()));
    // A subscriber first gets a snapshot of every book, as from the simulator's server.
    for (Instrument instrument : market.instruments()) {
      pipeline.accept(asBridgeWrites(market.bookSnapshot(instrument.name()), market.nowMillis()));
    }
    while (market.nowMillis() < endMillis) {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("bootstrap history interrupted");
      }
      for (String frame : market.step()) {
        pipeline.accept(asBridgeWrites(frame, market.nowMillis()));
      }
    }
    pipeline.finish();
    List<LabelledSample> samples =
        pipeline.samples().stream()
            .sorted(Comparator.comparingLong(LabelledSample::entryTime))
            .toList();
    return new History(
        samples, pipeline.unmarkedCandidates(), Duration.ofNanos(System.nanoTime() - started));
  }

  /** A {@code deribit.market.raw} value: the frame's params with the receive time. */
  private static String asBridgeWrites(String frame, long receivedMillis) {
    return Notifications.subscription(frame).withReceiveTime(receivedMillis * 1_000_000);
  }

  private static TrainingSample trainingSample(LabelledSample sample) {
    return new TrainingSample(
        sample.underlying(),
        sample.entryTime(),
        sample.endTime(),
        sample.features(),
        sample.maxFavourable(),
        sample.maxAdverse(),
        sample.hedgedPnl());
  }

  /**
   * Trains the three models on the history, as the trainer does but with the bootstrap's lifetime
   * and an embargo scaled to its horizon (the live 1 h embargo is a sixth of the 6 h horizon; a 1 h
   * embargo would leave the folds of a 2-hour history almost nothing to train on).
   */
  ModelBundle train(List<TrainingSample> samples, long seed, long now) throws LGBMException {
    Trainer.Settings trainer =
        Trainer.Settings.defaults()
            .withSeed(seed)
            .withEmbargo(settings.horizon().dividedBy(6))
            .withLifetime(settings.lifetime());
    ModelBundle trained =
        new Trainer(trainer)
            .train(
                samples,
                FeatureSchema.NAMES,
                FeatureSchema.VERSION,
                settings.hyperparameters(),
                now,
                Optional.empty())
            .bundle();
    Map<String, Double> metrics = new HashMap<>(trained.metrics());
    metrics.put("bootstrap", 1.0);
    metrics.put("bootstrap.horizon_minutes", (double) settings.horizon().toMinutes());
    return trained.withVersion(trained.version() + VERSION_SUFFIX).withMetrics(metrics);
  }

  /**
   * The whole bootstrap for the demo: history ending at {@code endMillis}, training, the bundle
   * recorded as promoted in {@code registry} and published as {@code current} to the job's models
   * topic. Progress goes to {@code log}. Returns the history, for the trainer's dataset.
   */
  History run(long liveSeed, long endMillis, Path registry, Consumer<String> log)
      throws LGBMException {
    long seed = historySeed(liveSeed);
    History history = history(seed, endMillis);
    log.accept(
        String.format(
            Locale.ROOT,
            "bootstrap: %d min of simulated history (seed %d): %,d samples (%d unmarked) in %.1f s",
            settings.history().toMinutes(),
            seed,
            history.samples().size(),
            history.unmarkedCandidates(),
            history.took().toMillis() / 1e3));
    long trainStarted = System.nanoTime();
    ModelBundle bundle = train(history.trainingSamples(), liveSeed, System.currentTimeMillis());
    log.accept(
        String.format(
            Locale.ROOT,
            "bootstrap: trained %s in %.1f s (out-of-fold R2 size %.2f, take-profit %.2f,"
                + " stop-loss %.2f)",
            bundle.version(),
            (System.nanoTime() - trainStarted) / 1e9,
            bundle.metrics().get("size.r2"),
            bundle.metrics().get("take_profit.r2"),
            bundle.metrics().get("stop_loss.r2")));
    new FileRegistry(registry).record(bundle, FileRegistry.Status.PROMOTED, REGISTRY_REASON);
    try (ModelPublisher publisher =
        new ModelPublisher(config.kafkaBootstrap(), config.modelsTopic())) {
      publisher.current(bundle);
    }
    log.accept(
        "bootstrap: published "
            + bundle.version()
            + " to "
            + config.modelsTopic()
            + " as current (expires in "
            + settings.lifetime().toHours()
            + " h)");
    return history;
  }
}
