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
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gsb trainer}: the long-running trainer (docs/ml.md). It keeps {@code gsb.samples} in a
 * rolling dataset on disk (committing its offsets only once the samples are synced there), and
 * every {@code trainer.train-every}, with at least {@code trainer.min-samples} samples, trains
 * (after a search when one is due), records the bundle and its report in the registry, and
 * publishes it to {@code gsb.models}: a promoted bundle as {@code current}, a rejected one as
 * {@code shadow} for the job to score beside the current one.
 */
@Command(
    name = "trainer",
    mixinStandardHelpOptions = true,
    description =
        "Keeps gsb.samples in a rolling dataset, retrains on schedule and publishes the models to"
            + " gsb.models.")
final class TrainerCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerCommand.class);
  private static final Duration POLL = Duration.ofSeconds(1);

  /** How long --once waits to read gsb.samples up to its end before giving up. */
  private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

  @Mixin ConfigOptions config;

  @Option(
      names = "--data",
      description = "Directory of the rolling sample dataset (default: ${DEFAULT-VALUE}).")
  Path data = Path.of(".gsb", "trainer");

  @Option(
      names = "--registry",
      description = "Model registry directory (default: ${DEFAULT-VALUE}).")
  Path registry = Path.of(".gsb", "registry");

  @Option(
      names = "--once",
      description =
          "Read gsb.samples up to its end, train once (a search too when one is due) and exit:"
              + " for cron and tests.")
  boolean once;

  @Option(
      names = "--seed",
      description = "Seed of the search and of LightGBM (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  private int minSamples;
  private final Map<RollingDataset.Added, Long> counts = new EnumMap<>(RollingDataset.Added.class);
  private long malformed;

  @Override
  public Integer call() throws Exception {
    GammaConfig settings = config.load();
    GammaConfig.Training training = settings.training();
    minSamples = training.minSamples();
    RollingDataset dataset =
        RollingDataset.open(
            data,
            FeatureSchema.VERSION,
            FeatureSchema.NAMES,
            training.datasetWindow(),
            System.currentTimeMillis());
    ScheduledTraining schedule =
        new ScheduledTraining(
            registry,
            new ScheduledTraining.Settings(
                training.trainEvery(),
                training.minSamples(),
                training.searchEvery(),
                training.searchTrials(),
                training.importanceThreshold()),
            Trainer.Settings.defaults().withSeed(seed),
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
    System.out.printf(
        "trainer: %,d samples in %s, registry %s, gsb.samples from %s%n",
        dataset.size(), data, registry, settings.kafkaBootstrap());
    try (StopSignal stop = StopSignal.install("gsb-trainer-stop");
        KafkaConsumer<String, String> consumer = consumer(settings);
        ModelPublisher publisher =
            new ModelPublisher(settings.kafkaBootstrap(), settings.modelsTopic())) {
      List<TopicPartition> partitions = assign(consumer, settings.samplesTopic());
      if (once) {
        catchUp(consumer, partitions, dataset);
        cycle(dataset, schedule, publisher);
        return 0;
      }
      long next = schedule.firstCycleAt(System.currentTimeMillis());
      while (!stop.await(0, TimeUnit.MILLISECONDS)) {
        ingest(consumer.poll(POLL), consumer, dataset);
        if (System.currentTimeMillis() >= next) {
          try {
            cycle(dataset, schedule, publisher);
          } catch (Exception e) {
            // the next cycle tries again; the samples are safe on disk
            LOG.error("Training cycle failed", e);
            System.out.println("training failed: " + e);
          }
          next = System.currentTimeMillis() + training.trainEvery().toMillis();
        }
      }
      System.out.println("Stopping.");
    }
    return 0;
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

  /** Reads up to the end offsets the topic has now. */
  private void catchUp(
      KafkaConsumer<String, String> consumer,
      List<TopicPartition> partitions,
      RollingDataset dataset) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(
            "Could not read gsb.samples to its end within " + CATCH_UP_LIMIT);
      }
      ingest(consumer.poll(POLL), consumer, dataset);
    }
  }

  /** Adds the records to the dataset, syncs it, then commits their offsets. */
  private void ingest(
      ConsumerRecords<String, String> records,
      KafkaConsumer<String, String> consumer,
      RollingDataset dataset) {
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

  private void cycle(RollingDataset dataset, ScheduledTraining schedule, ModelPublisher publisher)
      throws Exception {
    long now = System.currentTimeMillis();
    int pruned = dataset.prune(now);
    System.out.printf(
        "samples: %s, %,d malformed, %,d hour files pruned%n", counts, malformed, pruned);
    ScheduledTraining.Cycle cycle = schedule.cycle(dataset.samples(now), now);
    cycle
        .search()
        .ifPresent(
            search ->
                System.out.printf(
                    Locale.ROOT,
                    "search: %d trials in %.1f s, best loss %.4f: %s%n",
                    search.trials().size(),
                    search.wallTime().toMillis() / 1e3,
                    search.bestLoss(),
                    search.best()));
    if (cycle.run().isEmpty()) {
      System.out.printf(
          "%,d samples, %,d needed: no training this cycle%n", cycle.samples(), minSamples);
      return;
    }
    TrainingRun.Outcome run = cycle.run().get();
    System.out.printf(
        Locale.ROOT,
        "bundle %s on %,d samples in %.1f s: %s%n",
        run.bundle().version(),
        cycle.samples(),
        (run.result().crossValidationTime().toMillis() + run.result().fitTime().toMillis()) / 1e3,
        run.decision().reason());
    run.result()
        .stability()
        .ifPresent(
            stability ->
                System.out.printf(Locale.ROOT, "importance stability %.3f%n", stability.mean()));
    if (run.decision().promote()) {
      publisher.current(run.bundle());
      publisher.endShadow();
      System.out.println("published " + run.bundle().version() + " as current");
    } else {
      publisher.shadow(run.bundle());
      System.out.println("published " + run.bundle().version() + " as shadow");
    }
    System.out.println("report in " + run.reportDirectory());
  }
}
