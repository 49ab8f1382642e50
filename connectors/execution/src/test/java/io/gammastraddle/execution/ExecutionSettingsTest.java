package io.gammastraddle.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gammastraddle.deribit.websocket.Credentials;
import io.gammastraddle.execution.ExecutionSettings.Mode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The money-safety rules of each mode, the bounds, and where each mode's API key comes from. */
class ExecutionSettingsTest {

  private static final URI LIVE = URI.create("wss://www.deribit.com/ws/api/v2");
  private static final URI TESTNET = URI.create("wss://test.deribit.com/ws/api/v2");
  private static final URI SIMULATOR = URI.create("ws://127.0.0.1:8765/ws/api/v2");

  @Test
  void liveNeedsTheRealMoneyConfirmation() {
    assertThatThrownBy(() -> builder(LIVE, Mode.LIVE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--i-understand-real-money");
    assertThat(builder(LIVE, Mode.LIVE).setRealMoneyConfirmed(true).build()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wss://test.deribit.com/ws/api/v2",
        "ws://www.deribit.com/ws/api/v2",
        "ws://127.0.0.1:8765/ws/api/v2",
        "wss://www.deribit.com.example.org/ws/api/v2"
      })
  void liveTradesOnWwwDeribitComOverWssOnly(String uri) {
    assertThatThrownBy(
            () -> builder(URI.create(uri), Mode.LIVE).setRealMoneyConfirmed(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LIVE trades on wss://www.deribit.com only");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"wss://www.deribit.com/ws/api/v2", "ws://test.deribit.com/ws/api/v2", "ws://x"})
  void testnetTradesOnTestDeribitComOverWssOnly(String uri) {
    assertThatThrownBy(() -> builder(URI.create(uri), Mode.TESTNET).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TESTNET trades on wss://test.deribit.com only");
    assertThat(builder(TESTNET, Mode.TESTNET).build()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "wss://www.deribit.com/ws/api/v2",
        "wss://test.deribit.com/ws/api/v2",
        "wss://deribit.com/ws/api/v2",
        "wss://WWW.DERIBIT.COM/ws/api/v2",
        "ws://streams.deribit.com/ws/api/v2"
      })
  void paperNeverReachesADeribitHost(String uri) {
    assertThatThrownBy(
            () -> builder(URI.create(uri), Mode.PAPER).setRealMoneyConfirmed(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAPER must never reach a real venue");
  }

  @Test
  void paperNeedsTheAccountItTradesOn() {
    assertThatThrownBy(() -> builder(SIMULATOR, Mode.PAPER).setPaperAccount(" ").build())
        .hasMessageContaining("paperAccount");
    assertThat(builder(SIMULATOR, Mode.PAPER).build()).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ws://user:secret@127.0.0.1:8765/ws/api/v2",
        "ws://127.0.0.1:8765/ws/api/v2?client_secret=s"
      })
  void aUriThatCouldCarryASecretIsRefused(String uri) {
    assertThatThrownBy(() -> builder(URI.create(uri), Mode.PAPER).build())
        .hasMessage("the uri must carry no user info and no query");
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> paper().setRequestTimeout(Duration.ZERO).build())
        .hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> paper().setReconnectTimeout(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("reconnectTimeout");
    assertThatThrownBy(() -> paper().setMaxIntentAge(Duration.ZERO).build())
        .hasMessageContaining("maxIntentAge");
    assertThatThrownBy(() -> paper().setMaxRememberedLabels(0).build())
        .hasMessageContaining("maxRememberedLabels");
    assertThatThrownBy(() -> paper().setUserTopic("").build()).hasMessageContaining("userTopic");
  }

  @Test
  void theUriAndKafkaAreRequired() {
    assertThatThrownBy(() -> ExecutionSink.builder().setKafkaBootstrap("k:9092").build())
        .hasMessageContaining("setUri");
    assertThatThrownBy(() -> ExecutionSink.builder().setUri(SIMULATOR).build())
        .hasMessageContaining("setKafkaBootstrap");
  }

  @Test
  void paperAuthenticatesAsItsAccountWithoutReadingTheEnvironment() {
    Credentials credentials =
        settings(SIMULATOR, Mode.PAPER, "alice")
            .credentials(Map.of(Credentials.CLIENT_ID_VARIABLE, "real-key"));

    assertThat(credentials.clientId()).isEqualTo("alice");
  }

  @Test
  void testnetAndLiveReadTheirKeyFromTheEnvironment() {
    Credentials credentials =
        settings(TESTNET, Mode.TESTNET, null)
            .credentials(
                Map.of(
                    Credentials.CLIENT_ID_VARIABLE,
                    "key-id",
                    Credentials.CLIENT_SECRET_VARIABLE,
                    "key-secret"));

    assertThat(credentials).isEqualTo(new Credentials("key-id", "key-secret"));
  }

  @Test
  void aMissingKeyIsNamedByItsVariables() {
    assertThatThrownBy(() -> settings(TESTNET, Mode.TESTNET, null).credentials(Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DERIBIT_CLIENT_ID")
        .hasMessageContaining("DERIBIT_CLIENT_SECRET");
    assertThatThrownBy(
            () ->
                settings(TESTNET, Mode.TESTNET, null)
                    .credentials(Map.of(Credentials.CLIENT_SECRET_VARIABLE, "key-secret")))
        .hasMessageNotContaining("key-secret");
  }

  @Test
  void settingsSurviveJavaSerializationWithTheirChecks() throws Exception {
    ExecutionSettings settings = settings(SIMULATOR, Mode.PAPER, "alice");

    ExecutionSettings copy =
        InstantiationUtil.deserializeObject(
            InstantiationUtil.serializeObject(settings), getClass().getClassLoader());

    assertThat(copy).isEqualTo(settings);
    copy.checkMoneySafety();
  }

  private static ExecutionSinkBuilder paper() {
    return builder(SIMULATOR, Mode.PAPER);
  }

  private static ExecutionSinkBuilder builder(URI uri, Mode mode) {
    return ExecutionSink.builder()
        .setUri(uri)
        .setMode(mode)
        .setPaperAccount("alice")
        .setKafkaBootstrap("localhost:9092");
  }

  private static ExecutionSettings settings(URI uri, Mode mode, String paperAccount) {
    return new ExecutionSettings(
        uri,
        mode,
        false,
        paperAccount,
        "localhost:9092",
        "deribit.user.raw",
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        100,
        Duration.ofMinutes(20),
        List.of("BTC"));
  }
}
