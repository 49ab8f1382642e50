package io.gammastraddle.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.registry.FileRegistry;
import io.gammastraddle.training.fit.Hyperparameters;
import io.gammastraddle.training.schedule.ChosenHyperparameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer as the demo runs it, against a real Kafka broker with real LightGBM: a dataset seeded
 * with samples that never went through gsb.samples (the bootstrap's history), the job's samples
 * from the topic, and a training cycle every {@code trainer.train-every} until it is stopped.
 */
class TrainerLoopIT {

  private static final int SEEDED = 1_000;
  private static final int FROM_TOPIC = 300;

  @TempDir Path directory;

  @Test
  void retrainsOnScheduleOnTheSeededAndTheTopicsSamplesUntilStopped() throws Exception {
    try (EmbeddedServices services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree())) {
      GammaConfig config =
          GammaConfig.from(Map.of("trainer.train-every", "1s"))
              .withServers(services.kafkaBootstrap(), services.redisHost(), services.redisPort());
      services.createTopics(config.topicPartitions(1), config.topicConfigs());
      long firstEntry = System.currentTimeMillis() - Duration.ofDays(10).toMillis();
      List<String> seeded = LearnableSamples.values(SEEDED, firstEntry);
      LearnableSamples.produce(
          services.kafkaBootstrap(),
          config.samplesTopic(),
          LearnableSamples.values(FROM_TOPIC, firstEntry + SEEDED * LearnableSamples.FIVE_MINUTES));
      Path registry = directory.resolve("registry");
      Hyperparameters fast = new Hyperparameters(200, 0.1, 4, 15, 1, 1, 1);
      new ChosenHyperparameters(fast, System.currentTimeMillis(), 0, null).save(registry);
      List<String> lines = new CopyOnWriteArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();

      Thread thread;
      try (TrainerLoop loop =
          new TrainerLoop(config, directory.resolve("trainer"), registry, 42, lines::add)) {
        loop.addSamples(seeded);
        thread = new Thread(() -> loop.run(stop::get), "trainer-loop");
        thread.start();
        await()
            .atMost(Duration.ofMinutes(4))
            .until(() -> new FileRegistry(registry).list().size() >= 2);
        stop.set(true);
        thread.join(Duration.ofSeconds(60).toMillis());
      }

      assertThat(thread.isAlive()).as("stopped").isFalse();
      String all = String.join("\n", lines);
      assertThat(all)
          .contains(String.format("on %,d samples", SEEDED + FROM_TOPIC))
          .contains("published");
      assertThat(lines.stream().filter(line -> line.startsWith("bundle ")).count())
          .as("a cycle per train-every")
          .isGreaterThanOrEqualTo(2);
    }
  }
}
