package io.gammastraddle.gamma.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {

  private static final String API = "https://api.telegram.org";

  @Test
  void theEnvironmentDecidesWhichWebhooksTheJobHas() {
    assertThat(WebhookSink.configured(Map.of(), API)).isEmpty();
    assertThat(
            WebhookSink.configured(
                Map.of(WebhookSink.SLACK_URL_VARIABLE, "https://hooks.slack.com/services/T/B/X"),
                API))
        .extracting(WebhookSink::channel)
        .containsExactly(WebhookSink.Channel.SLACK);
    assertThat(
            WebhookSink.configured(
                Map.of(
                    WebhookSink.SLACK_URL_VARIABLE, "https://hooks.slack.com/services/T/B/X",
                    WebhookSink.TELEGRAM_TOKEN_VARIABLE, "123:abc",
                    WebhookSink.TELEGRAM_CHAT_VARIABLE, "42"),
                API))
        .extracting(WebhookSink::channel)
        .containsExactly(WebhookSink.Channel.SLACK, WebhookSink.Channel.TELEGRAM);
  }

  @Test
  void aTelegramBotWithoutAChatIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                WebhookSink.configured(Map.of(WebhookSink.TELEGRAM_TOKEN_VARIABLE, "123:abc"), API))
        .hasMessage("GSB_TELEGRAM_CHAT_ID is not set");
  }

  @Test
  void theBackoffDoublesUpToItsBound() {
    WebhookSink.Delivery delivery = WebhookSink.Delivery.defaults();

    assertThat(delivery.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(delivery.backoffAfter(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(delivery.backoffAfter(40)).isEqualTo(Duration.ofSeconds(30));
  }
}
