package io.gammastraddle.cli;

import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.training.Trainer;
import io.gammastraddle.training.dataset.RollingDataset;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.schedule.ScheduledTraining;
import io.gammastraddle.training.schedule.TrainingRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's work (docs/ml.md), for {@code gsb trainer} and the demo: it keeps {@code
 * gsb.samples} in a rolling dataset on disk (committing its offsets only once the samples are
 * synced there), and every {@code trainer.train-every}, with at least {@code trainer.min-samples}
 * samples, trains (after a search when one is due), records the bundle and its report in the
 * registry, and publishes it to {@code gsb.models}: a promoted bundle as {@code current}, a
 * rejected one as {@code shadow} for the job to score beside the current one.
 *
 * <p>The cross-validation embargo is a sixth of {@code labels.horizon} (1 h at the default 6 h), so
 * a shorter horizon (the demo's) does not leave the folds nothing to train on.
 */
final class TrainerLoop implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerLoop.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  /** How long {@link #once} waits to read gsb.samples up to its end before giving up. */
  private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

  private final GammaConfig.Training training;
  private final RollingDataset dataset;
  private final ScheduledTraining schedule;
  private final KafkaConsumer<String, String> consumer;
  private final ModelPublisher publisher;
  private final List<TopicPartition> partitions;
  private final Consumer<String> log;
  private final Map<RollingDataset.Added, Long> counts = new EnumMap<>(RollingDataset.Added.class);
  private long malformed;

  /**
   * Opens the dataset in {@code data} and connects to Kafka.
   *
   * @param seed of the search and of LightGBM
   * @param log where the loop's progress lines go
   * @throws IllegalStateException when the samples topic does not exist
   */
  TrainerLoop(GammaConfig settings, Path data, Path registry, long seed, Consumer<String> log) {
    this.training = settings.training();
    this.log = log;
    this.dataset =
        RollingDataset.open(
            data,
            FeatureSchema.VERSION,
            FeatureSchema.NAMES,
            training.datasetWindow(),
            System.currentTimeMillis());
    Trainer.Settings trainer =
        Trainer.Settings.defaults()
            .withSeed(seed)
            .withEmbargo(settings.labelHorizon().dividedBy(6));
    this.schedule =
        new ScheduledTraining(
            registry,
            new ScheduledTraining.Settings(
                training.trainEvery(),
                training.minSamples(),
                training.searchEvery(),
                training.searchTrials(),
                training.importanceThreshold()),
            trainer,
            FeatureSchema.NAMES,
            FeatureSchema.VERSION,
            Hyperparameters.defaults(),
            trial ->
                LOG.info(
                    "search trial {}/{}: {} {}",
                    trial.number() + 1,
                    training.searchTrials(),
                    trial.state(),
                    trial.value()));
    this.consumer = consumer(settings);
    this.publisher = new ModelPublisher(settings.kafkaBootstrap(), settings.modelsTopic());
    try {
      this.partitions = assign(consumer, settings.samplesTopic());
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.accept(
        String.format(
            "%,d samples in %s, gsb.samples from %s",
            dataset.size(), data, settings.kafkaBootstrap()));
  }

  /**
   * Adds samples that did not come through {@code gsb.samples} (the demo's bootstrap history), as
   * {@code gsb.samples} values, and syncs them.
   */
  void addSamples(List<String> values) {
    long now = System.currentTimeMillis();
    for (String value : values) {
      counts.merge(dataset.add(value, now), 1L, Long::sum);
    }
    dataset.sync();
    log.accept(
        String.format(
            "%,d samples given, dataset now %,d: %s", values.size(), dataset.size(), counts));
  }

  /** Reads gsb.samples up to its end and runs one cycle: for cron and tests. */
  void once() throws Exception {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Could not read gsb.samples to its end within " + CATCH_UP_LIMIT);
      }
      ingest(consumer.poll(POLL));
    }
    cycle();
  }

  /**
   * Reads gsb.samples and runs a cycle every {@code trainer.train-every} (the first one {@code
   * trainer.train-every} after the registry's newest bundle) until {@code stopRequested}.
   */
  void run(BooleanSupplier stopRequested) {
    long next = schedule.firstCycleAt(System.currentTimeMillis());
    while (!stopRequested.getAsBoolean()) {
      ingest(consumer.poll(POLL));
      if (System.currentTimeMillis() >= next) {
        try {
          cycle();
        } catch (Exception e) {
          // the next cycle tries again; the samples are safe on disk
          LOG.error("Training cycle failed", e);
          log.accept("training failed: " + e);
        }
        next = System.currentTimeMillis() + training.trainEvery().toMillis();
      }
    }
  }

  private static KafkaConsumer<String, String> consumer(GammaConfig settings) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup() + "-trainer");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return new KafkaConsumer<>(properties);
  }

  /**
   * Takes every partition of the topic by assignment, not by group membership: a training run
   * blocks the poll loop for minutes, which would cost a member its place in the group; the group
   * still keeps the committed offsets.
   */
  private static List<TopicPartition> assign(KafkaConsumer<String, String> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("Topic " + topic + " does not exist");
    }
    List<TopicPartition> partitions =
        infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    return partitions;
  }

  /** Adds the records to the dataset, syncs it, then commits their offsets. */
  private void ingest(ConsumerRecords<String, String> records) {
    if (records.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    for (ConsumerRecord<String, String> record : records) {
      try {
        if (record.value() == null) {
          throw new IllegalArgumentException("no value");
        }
        counts.merge(dataset.add(record.value(), now), 1L, Long::sum);
      } catch (IllegalArgumentException e) {
        malformed++;
        LOG.warn(
            "Skipping a malformed sample at {}-{} offset {}: {}",
            record.topic(),
            record.partition(),
            record.offset(),
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
    dataset.sync();
    consumer.commitSync();
  }

  private void cycle() throws Exception {
    long now = System.currentTimeMillis();
    int pruned = dataset.prune(now);
    log.accept(
        String.format(
            "samples: %s, %,d malformed, %,d hour files pruned", counts, malformed, pruned));
    ScheduledTraining.Cycle cycle = schedule.cycle(dataset.samples(now), now);
    cycle
        .search()
        .ifPresent(
            search ->
                log.accept(
                    String.format(
                        Locale.ROOT,
                        "search: %d trials in %.1f s, best loss %.4f: %s",
                        search.trials().size(),
                        search.wallTime().toMillis() / 1e3,
                        search.bestLoss(),
                        search.best())));
    if (cycle.run().isEmpty()) {
      log.accept(
          String.format(
              "%,d samples, %,d needed: no training this cycle",
              cycle.samples(), training.minSamples()));
      return;
    }
    TrainingRun.Outcome run = cycle.run().get();
    log.accept(
        String.format(
            Locale.ROOT,
            "bundle %s on %,d samples in %.1f s: %s",
            run.bundle().version(),
            cycle.samples(),
            (run.result().crossValidationTime().toMillis() + run.result().fitTime().toMillis())
                / 1e3,
            run.decision().reason()));
    run.result()
        .stability()
        .ifPresent(
            stability ->
                log.accept(
                    String.format(Locale.ROOT, "importance stability %.3f", stability.mean())));
    if (run.decision().promote()) {
      publisher.current(run.bundle());
      publisher.endShadow();
      log.accept("published " + run.bundle().version() + " as current");
    } else {
      publisher.shadow(run.bundle());
      log.accept("published " + run.bundle().version() + " as shadow");
    }
    log.accept("report in " + run.reportDirectory());
  }

  @Override
  public void close() {
    publisher.close();
    consumer.close();
  }
}
