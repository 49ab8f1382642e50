package io.gammastraddle.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gammastraddle.chain.AtmStraddle;
import io.gammastraddle.embedded.EmbeddedServices;
import io.gammastraddle.features.FeatureSchema;
import io.gammastraddle.features.FeatureVector;
import io.gammastraddle.gamma.alerts.Alert;
import io.gammastraddle.gamma.alerts.AlertCache;
import io.gammastraddle.gamma.chain.ChainCache;
import io.gammastraddle.gamma.features.FeatureCache;
import io.gammastraddle.gamma.scoring.ModelCache;
import io.gammastraddle.gamma.scoring.ModelHealth;
import io.gammastraddle.gamma.scoring.ModelStatus;
import io.gammastraddle.gamma.scoring.PredictionCache;
import io.gammastraddle.gamma.scoring.PredictionEvent;
import io.gammastraddle.gamma.strategy.TradingCache;
import io.gammastraddle.gamma.strategy.TradingStatus;
import io.gammastraddle.redis.RedisCommand;
import io.gammastraddle.redis.RedisSerializer;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.XAddParams;

/**
 * The live page in a real headless Chromium (Debian's, installed by scripts/ensure-chromium.sh),
 * reading a real Redis server that holds what the job writes: every value is written by the job's
 * own Redis serializers, so the page is tested against the job's exact keys and fields.
 */
class LivePageIT {

  private static final long NOW = System.currentTimeMillis();
  private static final String VERSION = "20261126T0930-bootstrap";
  private static final String CALL = "BTC-27NOV26-100000-C";
  private static final String PUT = "BTC-27NOV26-100000-P";
  private static final String ALERT_TEXT =
      "entry refused <img src=x onerror=\"window.injected = true\"> <b>gamma</b> & more";
  private static final Duration POLLS = Duration.ofSeconds(10);

  private static EmbeddedServices services;
  private static JedisPooled redis;
  private static LivePage page;
  private static Path browserProfile;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws IOException {
    services = EmbeddedServices.start(EmbeddedServices.Ports.anyFree());
    redis = new JedisPooled(services.redisHost(), services.redisPort());
    page = LivePage.start(0, services.redisHost(), services.redisPort(), List.of("BTC", "ETH"));
    browserProfile = Files.createTempDirectory("gsb-live-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1800",
        "--user-data-dir=" + browserProfile);
    ChromeDriverService driver =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(driver, options);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
      if (page != null) {
        page.close();
      }
      if (redis != null) {
        redis.close();
      }
    } finally {
      if (services != null) {
        services.close();
      }
      if (browserProfile != null) {
        deleteRecursively(browserProfile);
      }
    }
  }

  @BeforeEach
  void writeTheJobsState() {
    redis.flushAll();
    write(new FeatureCache(), features(0.4663));
    write(
        new PredictionCache(),
        new PredictionEvent(
            "BTC",
            NOW,
            0.0734,
            0.25,
            0.1,
            0.07,
            1.05,
            VERSION,
            false,
            "",
            0,
            40_000,
            new ModelHealth(
                VERSION,
                120,
                true,
                new double[] {0.01, 0.05, 0.02},
                new double[] {0.62, 0.41, 0.33},
                new double[] {0.02, 0.06, 0.03}),
            null,
            null));
    write(
        new ModelCache(),
        new ModelStatus(
            VERSION,
            NOW - 60_000,
            NOW + 6 * 3_600_000,
            NOW - 90 * 60_000,
            NOW - 60_000,
            new String[] {"size.r2", "importance.size.spread"},
            new double[] {0.71, 0.61}));
    write(new ChainCache(), straddle(0.55));
    write(new TradingCache(), trading(1234.5));
    write(new AlertCache(), new Alert("risk-rejected", "BTC", NOW, ALERT_TEXT));
    browser.get(page.uri().toString());
  }

  @Test
  void showsTheValuesTheJobWroteToRedis() {
    awaitText("BTC-features-realized_vol", "0.4663");
    assertThat(text("model-version")).isEqualTo(VERSION);
    assertThat(text("model-size.r2")).isEqualTo("0.71");
    assertThat(text("model")).doesNotContain("importance");
    assertThat(browser.findElement(By.id("model-importance")).isDisplayed()).isTrue();
    assertThat(text("BTC-prediction-size")).isEqualTo("0.0734");
    assertThat(text("BTC-prediction-model_version")).isEqualTo(VERSION);
    assertThat(text("BTC-prediction-fallback")).isEqualTo("false");
    assertThat(text("BTC-prediction-r2_size")).isEqualTo("0.62");
    assertThat(text("BTC-positions-" + CALL)).isEqualTo("0.1");
    assertThat(text("BTC-positions-open_straddles")).isEqualTo("1");
    assertThat(text("BTC-positions-mode")).isEqualTo("ACTIVE");
    assertThat(text("BTC-greeks-delta")).isEqualTo("0.0123");
    assertThat(text("BTC-greeks-var")).isEqualTo("1,850");
    assertThat(text("BTC-pnl-realized_usd")).isEqualTo("1,234.5");
    assertThat(text("BTC-chain-implied_vol")).isEqualTo("0.55");
    assertThat(text("ETH-features")).isEqualTo("not written yet");
    assertThat(browser.findElement(By.id("status")).getText()).startsWith("Job alive");
    assertThat(browser.findElement(By.cssSelector("#alerts tbody")).getText())
        .contains("risk-rejected", "BTC", "entry refused");
  }

  @Test
  void showsAValueChangedInRedisAfterTheNextPoll() {
    awaitText("BTC-pnl-realized_usd", "1,234.5");

    write(new TradingCache(), trading(-250.75));
    write(new FeatureCache(), features(0.5123));

    awaitText("BTC-pnl-realized_usd", "-250.8");
    awaitText("BTC-features-realized_vol", "0.5123");
  }

  @Test
  void drawsChartsOfTheValuesOverTime() {
    await().atMost(POLLS).until(() -> number("return window.gsbLive.polls") >= 3);

    assertThat(number("return window.gsbLive.charts.BTC.pnl.data[0].length")).isGreaterThan(2);
    assertThat(number("return window.gsbLive.charts.BTC.pnl.data[1].at(-1)")).isEqualTo(1234.5);
    assertThat(number("return window.gsbLive.charts.BTC.delta.data[1].at(-1)")).isEqualTo(0.0123);
    assertThat(number("return window.gsbLive.charts.BTC.vol.data[1].at(-1)")).isEqualTo(0.4663);
    assertThat(number("return window.gsbLive.charts.BTC.vol.data[2].at(-1)")).isEqualTo(0.55);
    assertThat(number("return window.gsbLive.charts.BTC.size.data[1].at(-1)")).isEqualTo(0.0734);
    // ETH has written nothing: its series are gaps, not zeros
    assertThat(script("return window.gsbLive.charts.ETH.pnl.data[1].at(-1)")).isNull();
    assertThat(number(paintedPixels("BTC", "pnl"))).isGreaterThan(100);
  }

  @Test
  void showsAlertTextWithHtmlAsText() {
    await()
        .atMost(POLLS)
        .until(() -> !browser.findElements(By.cssSelector("#alerts tbody tr[data-id]")).isEmpty());

    String message =
        browser.findElement(By.cssSelector("#alerts tbody tr td:last-child")).getText();

    assertThat(message).isEqualTo(ALERT_TEXT);
    assertThat(browser.findElements(By.cssSelector("#alerts img, #alerts b"))).isEmpty();
    assertThat(script("return window.injected === undefined")).isEqualTo(true);
  }

  @Test
  void servesTheSnapshotFromRedisAsJson() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(page.uri().resolve("api/snapshot")).build(),
                HttpResponse.BodyHandlers.ofString());

    JsonNode snapshot = new ObjectMapper().readTree(response.body());
    assertThat(snapshot.at("/heartbeat/eventTime").asLong()).isEqualTo(NOW);
    assertThat(snapshot.at("/heartbeat/expiresInSeconds").asLong())
        .isBetween(1L, FeatureCache.HEARTBEAT_TTL_SECONDS);
    assertThat(snapshot.at("/model/version").asText()).isEqualTo(VERSION);
    assertThat(snapshot.at("/underlyings/BTC/greeks/delta").asText()).isEqualTo("0.0123");
    assertThat(snapshot.at("/underlyings/BTC/positions/" + PUT).asText()).isEqualTo("0.1");
    assertThat(snapshot.at("/underlyings/ETH/pnl").isEmpty()).isTrue();
    assertThat(snapshot.at("/alerts/0/fields/message").asText()).isEqualTo(ALERT_TEXT);
  }

  private static FeatureVector features(double realizedVol) {
    double[] values = new double[FeatureSchema.NAMES.size()];
    Arrays.fill(values, 0.5);
    values[FeatureSchema.indexOf("realized_vol")] = realizedVol;
    return new FeatureVector("BTC", NOW, FeatureSchema.VERSION, values);
  }

  private static AtmStraddle straddle(double impliedVol) {
    return new AtmStraddle(
        "BTC",
        NOW,
        NOW + 86_400_000,
        100_000,
        CALL,
        PUT,
        100_150,
        impliedVol,
        0.031,
        0.033,
        0.032,
        0.02,
        0.00004,
        120,
        -90,
        2_000_000,
        12.5,
        NOW - 200);
  }

  private static TradingStatus trading(double realizedUsd) {
    return new TradingStatus(
        "BTC",
        NOW,
        new String[] {CALL, PUT, "BTC-PERPETUAL"},
        new double[] {0.1, 0.1, -10},
        1,
        false,
        0.0123,
        0.00008,
        240,
        -180,
        1850,
        realizedUsd,
        -40,
        3.5,
        1_001_234.5,
        0.01,
        "ACTIVE");
  }

  /** What the job's Redis sink does with each command (connectors/redis RedisWriter). */
  private static <T> void write(RedisSerializer<T> serializer, T value) {
    for (RedisCommand command : serializer.serialize(value)) {
      if (command instanceof RedisCommand.HashSet hash) {
        redis.hset(hash.key(), hash.fields());
      } else if (command instanceof RedisCommand.HashReplace hash) {
        redis.del(hash.key());
        redis.hset(hash.key(), hash.fields());
      } else if (command instanceof RedisCommand.StreamAdd entry) {
        redis.xadd(
            entry.key(),
            XAddParams.xAddParams().maxLen(entry.maxLen()).approximateTrimming(),
            entry.fields());
      } else if (command instanceof RedisCommand.SetWithTtl expiring) {
        redis.setex(expiring.key(), expiring.ttlSeconds(), expiring.value());
      }
    }
  }

  private static void awaitText(String id, String expected) {
    await()
        .atMost(POLLS)
        .ignoreExceptions()
        .untilAsserted(() -> assertThat(text(id)).isEqualTo(expected));
  }

  private static String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private static Object script(String code) {
    return ((JavascriptExecutor) browser).executeScript(code);
  }

  private static double number(String code) {
    return ((Number) script(code)).doubleValue();
  }

  /** A script counting the pixels a chart's canvas has painted (axes, grid and lines). */
  private static String paintedPixels(String underlying, String chart) {
    return "const ctx = window.gsbLive.charts."
        + underlying
        + "."
        + chart
        + ".ctx;"
        + " const pixels = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;"
        + " let painted = 0;"
        + " for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) painted++; }"
        + " return painted;";
  }

  private static void deleteRecursively(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
