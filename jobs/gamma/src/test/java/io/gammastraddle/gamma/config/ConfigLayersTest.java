package io.gammastraddle.gamma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.risk.RiskLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLayersTest {

  @TempDir Path dir;

  @Test
  void tradingIsOffAndPaperByDefaultWithTheRiskManagersDefaultLimits() {
    GammaConfig.Trading trading = GammaConfig.defaultConfig().trading();

    assertThat(trading.enabled()).isFalse();
    assertThat(trading.mode()).isEqualTo("paper");
    assertThat(trading.realMoneyConfirmed()).isFalse();
    assertThat(trading.userTopic()).isEqualTo("deribit.user.raw");
    assertThat(trading.ordersTopic()).isEqualTo("gsb.orders");
    assertThat(trading.limits()).isEqualTo(RiskLimits.defaults());
  }

  @Test
  void liveTradingNeedsTheRealMoneyConfirmation() {
    assertThatThrownBy(() -> GammaConfig.from(Map.of("trading.mode", "live")))
        .hasMessageContaining("trading.i-understand-real-money=true");
    assertThat(
            GammaConfig.from(
                    Map.of("trading.mode", "live", "trading.i-understand-real-money", "true"))
                .trading()
                .mode())
        .isEqualTo("live");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("trading.mode", "real")))
        .hasMessageContaining("paper, testnet or live");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("trading.enabled", "yes")))
        .hasMessageContaining("trading.enabled must be true or false");
  }

  @Test
  void defaultsComeFromTheDesign() {
    GammaConfig config = GammaConfig.defaultConfig();

    assertThat(config.kafkaBootstrap()).isEqualTo("localhost:9092");
    assertThat(config.marketTopic()).isEqualTo("deribit.market.raw");
    assertThat(config.featuresTopic()).isEqualTo("gsb.features");
    assertThat(config.deadLetterTopic()).isEqualTo("gsb.dlq");
    assertThat(config.redisPort()).isEqualTo(6379);
    assertThat(config.decisionInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.modelsTopic()).isEqualTo("gsb.models");
    assertThat(config.scoring())
        .isEqualTo(
            new GammaConfig.Scoring(
                Duration.ofMillis(100),
                100,
                0.1,
                500,
                Duration.ofMinutes(5),
                0.5,
                2.0,
                GammaConfig.Scoring.Engine.PURE_JAVA));
    assertThat(config.training())
        .isEqualTo(
            new GammaConfig.Training(
                Duration.ofHours(1), 1000, Duration.ofHours(24), 30, Duration.ofDays(30), 0.01));
  }

  @Test
  void environmentOverridesTheFileAndTheCommandLineOverridesBoth() throws Exception {
    Path file = dir.resolve("job.yaml");
    Files.writeString(
        file,
        "kafka:\n  bootstrap: file:9092\n  group: from-file\nredis.port: 7000\n"
            + "features:\n  decision-interval: 250ms\n");

    GammaConfig config =
        ConfigLayers.load(
            file,
            Map.of("GSB_KAFKA_BOOTSTRAP", "env:9092", "GSB_REDIS_PORT", "7001", "PATH", "/bin"),
            Map.of("redis.port", "7002"));

    assertThat(config.kafkaBootstrap()).isEqualTo("env:9092");
    assertThat(config.consumerGroup()).isEqualTo("from-file");
    assertThat(config.redisPort()).isEqualTo(7002);
    assertThat(config.decisionInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void refusesUnknownSettingsAndBadValuesNamingTheSetting() {
    assertThatThrownBy(() -> GammaConfig.from(Map.of("kafka.bootstrapp", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown setting kafka.bootstrapp");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("redis.port", "-1")))
        .hasMessage("redis.port must be positive, got -1");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("events.idleness", "5 minutes")))
        .hasMessage("events.idleness must be a duration like 250ms, 5s, 2m or 1h, got 5 minutes");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("alerts.feed-silence", "500ms")))
        .hasMessageContaining("alerts.feed-silence must be at least 2s");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("scoring.engine", "onnx")))
        .hasMessage("scoring.engine must be pure-java or lightgbm4j, got onnx");
    assertThatThrownBy(() -> GammaConfig.from(Map.of("scoring.min-position-scale", "3")))
        .hasMessageContaining("must not exceed scoring.max-position-scale");
  }

  @Test
  void namesEnvironmentVariables() {
    assertThat(ConfigLayers.environmentName("features.decision-interval"))
        .isEqualTo("GSB_FEATURES_DECISION_INTERVAL");
  }

  @Test
  void aLabelHorizonReachingTheStraddlesExpiryIsRefusedNamingBothSettings() {
    assertThat(GammaConfig.from(Map.of("labels.horizon", "23h")).labelHorizon())
        .isEqualTo(Duration.ofHours(23));
    assertThatThrownBy(() -> GammaConfig.from(Map.of("labels.horizon", "24h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels.horizon")
        .hasMessageContaining("chain.min-time-to-expiry");
  }
}
