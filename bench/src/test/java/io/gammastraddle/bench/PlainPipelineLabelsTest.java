package io.gammastraddle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gammastraddle.gamma.config.GammaConfig;
import io.gammastraddle.labels.LabelledSample;
import io.gammastraddle.labels.TradingCosts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainPipelineLabelsTest {

  private static final GammaConfig CONFIG = GammaConfig.defaultConfig();
  private static final long HORIZON = 60_000;
  private static final long CANDIDATES_EVERY = 5_000;

  /** About four simulated minutes. */
  private static final MarketMessages MESSAGES =
      MarketMessages.generate(250_000, 7, 1_767_225_600_000L);

  @Test
  void labellingLeavesTheVectorsAsTheBenchmarkComputesThem() {
    PlainPipeline plain = PlainPipeline.of(CONFIG);
    PlainPipeline labelling =
        PlainPipeline.labelling(
            CONFIG, new PlainPipeline.Labels(HORIZON, CANDIDATES_EVERY, TradingCosts.deribit()));
    MESSAGES.values().forEach(plain::accept);
    MESSAGES.values().forEach(labelling::accept);

    assertThat(labelling.finish()).isEqualTo(plain.finish());
    assertThat(plain.samples()).isEmpty();
    assertThat(plain.unmarkedCandidates()).isZero();
  }

  @Test
  void labellingFollowsOneCandidatePerIntervalOverTheHorizon() {
    PlainPipeline pipeline =
        PlainPipeline.labelling(
            CONFIG, new PlainPipeline.Labels(HORIZON, CANDIDATES_EVERY, TradingCosts.deribit()));
    MESSAGES.values().forEach(pipeline::accept);
    pipeline.finish();

    List<LabelledSample> samples = pipeline.samples();
    assertThat(samples).isNotEmpty();
    for (String underlying : List.of("BTC", "ETH")) {
      List<Long> entries =
          samples.stream()
              .filter(sample -> sample.underlying().equals(underlying))
              .map(LabelledSample::entryTime)
              .toList();
      assertThat(entries).as(underlying).hasSizeGreaterThan(10).isSorted();
      for (int i = 1; i < entries.size(); i++) {
        assertThat(entries.get(i) / CANDIDATES_EVERY)
            .isGreaterThan(entries.get(i - 1) / CANDIDATES_EVERY);
      }
    }
    assertThat(samples)
        .allSatisfy(
            sample -> {
              assertThat(sample.endTime())
                  .isGreaterThan(sample.entryTime())
                  .isLessThanOrEqualTo(sample.entryTime() + HORIZON);
              assertThat(sample.marks()).isPositive();
              assertThat(sample.hedgedPnl()).isFinite();
            });
  }
}
